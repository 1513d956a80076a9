/**
 * Whether documents declared "to follow" are late: some still missing and the due day (a Rome
 * date, the last day allowed) is over. `today` is Rome's date ('YYYY-MM-DD', romeDay()).
 */
export function documentsLate(dueOn: string | null, missing: readonly string[], today: string): boolean {
  return !!dueOn && missing.length > 0 && today > dueOn;
}
