// #10 item 1: as-built documents and certificates: the checks of a work order's documents and the
// list of documents still owed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { ClassRules, DocumentList, DocumentTypeList, WorkOrderDocuments } from '../../shared/schemas/as-built';
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

export type ClassRulesDto = Static<typeof ClassRules>;
export type DocumentTypeListDto = Static<typeof DocumentTypeList>;

/** The catalogue of closing documents (codes are the attachment kinds). */
export function useDocumentTypes() {
  return useQuery({
    queryKey: ['document-types'] as const,
    queryFn: ({ signal }) => api.get<DocumentTypeListDto>('/api/document-types', undefined, signal),
    staleTime: Infinity,
  });
}

const classRulesKey = (id: string) => ['technology-classes', id, 'required-documents'] as const;

/** What a class's work orders must carry besides the DM 37/2008 declaration. */
export function useClassRules(technologyClassId: string) {
  return useQuery({
    queryKey: classRulesKey(technologyClassId),
    queryFn: ({ signal }) =>
      api.get<ClassRulesDto>(`/api/technology-classes/${encodeURIComponent(technologyClassId)}/required-documents`, undefined, signal),
  });
}

/** Admin: the whole list replaced (PUT), with the class's version read. */
export function useSaveClassRules(technologyClassId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; items: ClassRulesDto['items'] }) =>
      api.put<ClassRulesDto>(`/api/technology-classes/${encodeURIComponent(technologyClassId)}/required-documents`, body),
    onSuccess: (saved) => qc.setQueryData(classRulesKey(technologyClassId), saved),
  });
}
