import type { Building, Competence } from '../../../api/types';

export type NewTicketNotices = Building['newTicketNotices'];

export interface OccupancyValues {
  departmentId: string | null;
  sharePercent: number | string;
}

export interface BuildingValues {
  siteId: string | null;
  code: string;
  name: string;
  address: string;
  competence: Competence;
  competenceDepartmentId: string | null;
  managerIds: string[];
  occupancies: OccupancyValues[];
  notifyOccupantsPlanned: boolean;
  newTicketNotices: NewTicketNotices;
}
