import { create } from 'zustand';
import { IMPORT_MAX_CHARS, IMPORT_PREVIEW_MAX_CHARS, type ImportColumnMapping, type ImportPreview, type ImportRunResult, type ImportTargetField, type OmsErrorShape } from '../../../src-shared/contract';
import { call } from '../lib/api';
import { onSignOut } from '../lib/reset';
import { useCustomers } from './customers';
import { useDuplicates } from './duplicates';

/**
 * The in-app CSV import: file → mapping step with a live preview → run with a
 * progress bar → result. The core reads and checks the rows; this store only
 * holds the file text, the mapping being edited and what the core answered.
 */
type Step = 'file' | 'mapping' | 'running' | 'done';

interface ImportState {
  step: Step;
  fileName: string | null;
  text: string;
  /** Data lines in the file (line breaks minus the header), for "about N rows". */
  approxRows: number;
  mapping: ImportColumnMapping;
  preview: ImportPreview | null;
  previewing: boolean;
  progress: { phase: string; done: number; total: number } | null;
  result: ImportRunResult | null;
  error: OmsErrorShape | null;
  chooseFile(file: File): Promise<void>;
  setColumns(field: ImportTargetField, columns: string[]): void;
  refreshPreview(): Promise<void>;
  run(): Promise<void>;
  onProgress(p: { job: string; phase: string; done: number; total: number }): void;
  reset(): void;
}

const initial = { step: 'file' as Step, fileName: null, text: '', approxRows: 0, mapping: {}, preview: null, previewing: false, progress: null, result: null, error: null };

/** The head of the file for the preview: whole lines only, well under the preview limit. */
const headOf = (text: string) => {
  if (text.length <= IMPORT_PREVIEW_MAX_CHARS) return text;
  const cut = text.lastIndexOf('\n', IMPORT_PREVIEW_MAX_CHARS - 1);
  return text.slice(0, cut > 0 ? cut : IMPORT_PREVIEW_MAX_CHARS);
};

let previewSeq = 0;

export const useCustomerImport = create<ImportState>()((set, get) => ({
  ...initial,
  async chooseFile(file) {
    if (file.size > IMPORT_MAX_CHARS * 2) {
      set({ ...initial, error: { code: 'VALIDATION', message: `“${file.name}” is ${(file.size / 1_000_000).toFixed(1)} MB; the app imports files up to 8 MB. Split it, or use \`oms customers import\`.` } });
      return;
    }
    const text = await file.text();
    if (text.length > IMPORT_MAX_CHARS) {
      set({ ...initial, error: { code: 'VALIDATION', message: `“${file.name}” is larger than 8 MB of text; split it, or use \`oms customers import\`.` } });
      return;
    }
    const lines = text.split('\n').filter((l) => l.trim() !== '').length;
    set({ ...initial, step: 'mapping', fileName: file.name, text, approxRows: Math.max(0, lines - 1) });
    // No mapping sent: the core guesses one from the header names.
    const r = await call('customers.importPreview', { text: headOf(text), limit: 8 });
    if (!r.ok) return void set({ step: 'file', error: r.error });
    set({ preview: r.result, mapping: r.result.mapping });
  },
  setColumns(field, columns) {
    const mapping = { ...get().mapping };
    if (columns.length === 0) delete mapping[field];
    else mapping[field] = columns.length === 1 ? columns[0]! : columns;
    set({ mapping });
    void get().refreshPreview();
  },
  async refreshPreview() {
    const seq = ++previewSeq;
    set({ previewing: true });
    const r = await call('customers.importPreview', { text: headOf(get().text), mapping: get().mapping, limit: 8 });
    if (seq !== previewSeq) return;
    if (!r.ok) return void set({ previewing: false, error: r.error });
    set({ previewing: false, preview: r.result, error: null });
  },
  async run() {
    const { text, mapping, fileName, preview } = get();
    if (!preview || preview.mappingError) return;
    set({ step: 'running', progress: { phase: 'read', done: 0, total: Math.max(1, get().approxRows) }, error: null });
    const r = await call('customers.import', { text, mapping, ...(fileName ? { fileName } : {}) });
    if (!r.ok) return void set({ step: 'mapping', progress: null, error: r.error });
    set({ step: 'done', progress: null, result: r.result });
    // The tab counts (customers, duplicates) changed.
    void useCustomers.getState().load();
    void useDuplicates.getState().load();
  },
  onProgress(p) {
    if (get().step !== 'running') return;
    if (p.job === 'customers.import' || p.job === 'duplicates.scan') set({ progress: { phase: p.job === 'duplicates.scan' ? `dup-${p.phase}` : p.phase, done: p.done, total: p.total } });
  },
  reset() {
    set({ ...initial });
  },
}));

onSignOut(() => useCustomerImport.setState({ ...initial }));
