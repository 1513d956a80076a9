// Which contract applies to (building, technology class, date): exactly one active contract whose
// period [startsOn, endsOn] includes the date. The candidates are the contracts covering the
// building and the class; this pure function decides among them. Dates are YYYY-MM-DD strings,
// which compare correctly as text.

export interface ContractCandidate {
  id: string;
  lot: string;
  cig: string;
  active: boolean;
  startsOn: string;
  endsOn: string;
}

export type ContractResolution<C extends ContractCandidate> =
  { ok: true; contract: C } | { ok: false; code: 'CONTRACT_NOT_FOUND' } | { ok: false; code: 'CONTRACT_AMBIGUOUS'; contracts: C[] };

export const contractApplies = (c: ContractCandidate, date: string): boolean => c.active && c.startsOn <= date && date <= c.endsOn;

export function pickContract<C extends ContractCandidate>(candidates: readonly C[], date: string): ContractResolution<C> {
  const applying = candidates
    .filter((c) => contractApplies(c, date))
    .sort((a, b) => a.lot.localeCompare(b.lot) || a.cig.localeCompare(b.cig));
  if (applying.length === 0) return { ok: false, code: 'CONTRACT_NOT_FOUND' };
  if (applying.length > 1) return { ok: false, code: 'CONTRACT_AMBIGUOUS', contracts: applying };
  return { ok: true, contract: applying[0] };
}

/** "Lotto 3 (CIG 9A41C30D45), Lotto 7 (CIG 9B00000001)": how an ambiguity names the contracts. */
export const describeContracts = (contracts: readonly ContractCandidate[]): string =>
  contracts.map((c) => `${c.lot} (CIG ${c.cig})`).join(', ');
