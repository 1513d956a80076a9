// #10 item 1: as-built documents and certificates: the checks of a work order's documents and the
// list of documents still owed.
import { useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { DocumentList, WorkOrderDocuments } from '../../shared/schemas/as-built';
import { api } from './client';

export type WorkOrderDocumentsDto = Static<typeof WorkOrderDocuments>;
export type DocumentListDto = Static<typeof DocumentList>;
export type DocumentCheckAction = 'upload' | 'accept' | 'return';
export const DOCUMENT_STATES = ['missing', 'uploaded', 'returned', 'accepted'] as const;

export const documentAction = (
  workOrderId: string,
  documentType: string,
  action: DocumentCheckAction,
  body: { version: number; attachmentId?: string; reason?: string },
) =>
  api.post<WorkOrderDocumentsDto>(
    `/api/work-orders/${encodeURIComponent(workOrderId)}/documents/${encodeURIComponent(documentType)}/actions/${action}`,
    body,
  );

// Under ['workflow'] so that every workflow change (refreshWorkflow) refreshes it too.
export function useOwedDocuments(filters: { state?: string; buildingId?: string; contractorId?: string }) {
  return useQuery({
    queryKey: ['workflow', 'as-built-documents', filters] as const,
    queryFn: ({ signal }) => api.get<DocumentListDto>('/api/as-built-documents', { ...filters, limit: 200 }, signal),
  });
}
