// Row types of the tables, as both engines return them before repositories normalise them:
// booleans are integers 0/1; bigint columns may come back as strings from pg.
import type { Generated } from 'kysely';

interface Audited {
  id: string;
  active: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SiteRow extends Audited { code: string; name: string; city: string; patron_saint: string | null }
export interface DepartmentRow extends Audited { code: string; name: string; cost_centre: string }
export interface ContractorRow extends Audited {
  name: string; vat_number: string; pec: string; email: string | null; phone: string | null;
}
export interface UserRow extends Audited {
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  language: Generated<string>;
  password_hash: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  contractor_id: string | null;
  department_id: string | null;
}
export interface UserRoleRow { user_id: string; role: string }
export interface SessionRow { id: string; user_id: string; csrf_token: string; created_at: string; expires_at: string }
export interface ApiTokenRow {
  id: string; user_id: string; name: string; token_hash: string; prefix: string;
  created_at: string; last_used_at: string | null; revoked_at: string | null;
}
export interface RateLimitRow { key: string; window_start: string; count: number }
export interface BuildingRow extends Audited {
  site_id: string; code: string; name: string; address: string;
  competence: string; competence_department_id: string | null;
}
export interface BuildingManagerRow { building_id: string; user_id: string }
export interface BuildingOccupancyRow { building_id: string; department_id: string; share_bp: number }
export interface FloorRow extends Audited { building_id: string; code: string; name: string; level: number }
export interface SpaceRow extends Audited {
  building_id: string; floor_id: string; code: string; name: string; use: string | null; area_cm2: number | null;
}
export interface TechnologyClassRow extends Audited { code: string; name_it: string; name_en: string; dm37_letter: string | null }
export interface ContractRow extends Audited {
  lot: string; cig: string; title: string; contractor_id: string; starts_on: string; ends_on: string;
  net_amount_cents: number | string; yearly_fee_cents: number | string; discount_bp: number;
}
export interface ContractClassRow { contract_id: string; technology_class_id: string }
export interface ContractBuildingRow { contract_id: string; building_id: string }
export interface AssetRow extends Audited {
  code: string; name: string; technology_class_id: string; building_id: string;
  space_id: string | null; serial_number: string | null;
}

export interface Database {
  sites: SiteRow;
  departments: DepartmentRow;
  contractors: ContractorRow;
  users: UserRow;
  user_roles: UserRoleRow;
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
  rate_limits: RateLimitRow;
  buildings: BuildingRow;
  building_managers: BuildingManagerRow;
  building_occupancies: BuildingOccupancyRow;
  floors: FloorRow;
  spaces: SpaceRow;
  technology_classes: TechnologyClassRow;
  contracts: ContractRow;
  contract_classes: ContractClassRow;
  contract_buildings: ContractBuildingRow;
  assets: AssetRow;
}
