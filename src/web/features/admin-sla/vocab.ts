// The domain's vocabulary as values (src/shared/schemas/sla.ts pulls in typebox; api.ts the client).
export const PRIORITIES = ['emergency', 'urgent', 'ordinary', 'deferrable'] as const;
export const CLOCKS = ['take_charge', 'on_site', 'resolution'] as const;
export type PriorityKey = (typeof PRIORITIES)[number];
export type ClockKey = (typeof CLOCKS)[number];
