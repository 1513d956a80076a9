// #9 technicians: the contractor's technicians, the assignment of a work order, a technician's
// work of today, the dispatcher's day by technician.
import { useQuery } from '@tanstack/react-query';
import type { MyWorkDto, ScheduleDto, TechnicianDto } from '../../shared/schemas/technicians';
import type { WorkOrderDto } from './workflow';
import { api } from './client';

export type { MyWorkDto, ScheduleDto, TechnicianDto };

// Under ['workflow'] so that every workflow change (refreshWorkflow) refreshes them too.
export const technicianKeys = {
  list: ['workflow', 'technicians'] as const,
  myWork: ['workflow', 'my-work'] as const,
  schedule: (date: string | undefined) => ['workflow', 'technicians', 'schedule', date ?? 'today'] as const,
};

export function useTechnicians(enabled = true) {
  return useQuery({
    queryKey: technicianKeys.list,
    queryFn: ({ signal }) => api.get<{ items: TechnicianDto[] }>('/api/technicians', undefined, signal),
    enabled,
  });
}

export function useMyWork() {
  return useQuery({ queryKey: technicianKeys.myWork, queryFn: ({ signal }) => api.get<MyWorkDto>('/api/my-work', undefined, signal) });
}

export function useSchedule(enabled = true, date?: string) {
  return useQuery({
    queryKey: technicianKeys.schedule(date),
    queryFn: ({ signal }) => api.get<ScheduleDto>('/api/technicians/schedule', date ? { date } : undefined, signal),
    enabled,
  });
}

export const assignTechnician = (workOrderId: string, version: number, technicianId: string | null) =>
  api.post<WorkOrderDto>(`/api/work-orders/${encodeURIComponent(workOrderId)}/assign`, { version, technicianId });
