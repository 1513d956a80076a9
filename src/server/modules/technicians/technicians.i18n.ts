// The in-app notification a technician gets when a work order is assigned to them, in their language.
import type { Lang } from '../../i18n/messages.ts';

const TEXT: Record<Lang, { title: (n: string) => string; body: (b: string, d: string) => string }> = {
  it: { title: (n) => `ODL ${n} assegnato a te`, body: (b, d) => `${b}: ${d}` },
  en: { title: (n) => `Work order ${n} assigned to you`, body: (b, d) => `${b}: ${d}` },
};

export function assignedNotification(lang: string, number: string, building: string, description: string): { title: string; body: string } {
  const t = TEXT[lang === 'en' ? 'en' : 'it'];
  return { title: t.title(number), body: t.body(building, description).slice(0, 2000) };
}
