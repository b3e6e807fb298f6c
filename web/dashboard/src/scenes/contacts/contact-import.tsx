import { useEffect, useState, type FormEvent } from 'react';
import { downloadFailedRows, getDataImport, importContacts } from '../../api/endpoints';
import type { DataImport } from '../../api/types';
import { ErrorText } from '../../components/ui';

const FINISHED = new Set(['completed', 'failed']);

/** Uploads a contacts CSV, then follows the import's progress until it ends; offers the failed rows. */
export function ContactImport({ accountId, onFinished, onClose }: { accountId: number; onFinished: () => void; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<DataImport | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    if (!job || FINISHED.has(job.status)) {
      return;
    }
    const timer = window.setTimeout(() => {
      getDataImport(accountId, job.id).then((next) => {
        setJob(next);
        if (FINISHED.has(next.status)) {
          onFinished();
        }
      }, setError);
    }, 800);
    return () => window.clearTimeout(timer);
  }, [job, accountId, onFinished]);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      return;
    }
    setError(null);
    try {
      setJob(await importContacts(accountId, file));
    } catch (e) {
      setError(e as Error);
    }
  };

  const total = job?.total_records ?? 0;
  const done = job?.processed_records ?? 0;
  const failed = job?.failed_records_count ?? 0;
  return (
    <section className="card inline-form" aria-label="Import contacts">
      <h2>Import contacts from CSV</h2>
      <p className="muted">Columns: name, email, phone_number, identifier, and any custom attributes.</p>
      <ErrorText error={error} />
      {!job ? (
        <form onSubmit={handleSubmit}>
          <input type="file" accept=".csv,text/csv" aria-label="CSV file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <div className="form-actions"><button className="primary" type="submit" disabled={!file}>Import</button><button type="button" onClick={onClose}>Cancel</button></div>
        </form>
      ) : (
        <div role="status">
          <progress max={total || 1} value={FINISHED.has(job.status) ? total || 1 : done + failed} />
          <p>
            {job.status === 'completed' ? 'Import finished' : job.status === 'failed' ? 'Import failed' : 'Importing…'}
            {total ? `: ${done} of ${total} rows imported` : ''}
            {job.failed_records_count ? `, ${job.failed_records_count} failed` : ''}
          </p>
          {job.processing_errors ? <ErrorText error={job.processing_errors} /> : null}
          {job.failed_records_count && job.failed_records_url && FINISHED.has(job.status) ? (
            <button onClick={() => downloadFailedRows(job.failed_records_url!).catch(setError)}>Download failed rows</button>
          ) : null}
          {FINISHED.has(job.status) ? <button onClick={onClose}>Close</button> : null}
        </div>
      )}
    </section>
  );
}
