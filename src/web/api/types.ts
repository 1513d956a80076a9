// DTOs of the HTTP API (docs/API.md). Field names are the API's camelCase names.

export const ROLES = ['requester', 'call_center', 'building_manager', 'service_head', 'contractor', 'accounting', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Me {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  language: Language;
  roles: Role[];
  contractorId: string | null;
  /** #9: one of its contractor's technicians (field staff). */
  technician: boolean;
  departmentId: string | null;
  /** Null for bearer-token callers, which need no CSRF token. */
  csrfToken: string | null;
  /** An address asked for but not yet confirmed from the link sent to it; `email` stays until then. */
  pendingEmail: string | null;
  pendingEmailExpiresAt: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string;
  token: string;
}

/** One of the user's own open sessions (GET /api/me/sessions). */
export interface OwnSession {
  id: string;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  userAgent: string | null;
  clientAddress: string | null;
  current: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Common fields of every registry object. */
export interface RegistryItem {
  id: string;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

// The registry objects are the shared API contract (src/shared/schemas), imported as types only.
export type {
  Site,
  Department,
  Building,
  Floor,
  Space,
  TechnologyClass,
  Contractor,
  Contract,
  Asset,
  User,
} from '../../shared/schemas/registry';

export type Competence = 'central' | 'department';

export const DM37_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
export type Dm37Letter = (typeof DM37_LETTERS)[number];

export const IMPORT_KINDS = ['buildings', 'spaces', 'assets', 'maintenance-plans', 'meter-readings'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportResult {
  kind: ImportKind;
  created: number;
  updated: number;
  unchanged?: number;
}
