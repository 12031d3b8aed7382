import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpErrorResponse } from '@angular/common/http';
import { MatDialog } from '@angular/material/dialog';
import { Subject } from 'rxjs';
import type { CreateExportRequest, ExportJobView } from '@doorway/contracts';
import { ExportsService } from '../../services/exports.service';
import { ExportDialog, kilobytes, progressText } from './export-dialog';
import type { ExportDialogData } from './export-dialog';
import { testTranslate } from '../../testing/transloco';
import es from '../../../../public/i18n/es.json';

function exportJob(overrides: Partial<ExportJobView> = {}): ExportJobView {
  return {
    id: 'job-1',
    document: 'bpf',
    versionNumber: 2,
    format: 'docx',
    annexes: [],
    status: 'queued',
    progress: 0,
    stage: 'queued',
    error: null,
    fileName: null,
    byteSize: null,
    downloadUrl: null,
    createdAt: '2016-11-01T10:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

/** The API stand-in: each start and watch hands back a subject the test drives. */
class FakeExports {
  readonly started: [string, number, CreateExportRequest][] = [];
  readonly watched: string[] = [];
  startAnswer = new Subject<ExportJobView>();
  watchAnswer = new Subject<ExportJobView>();

  start(slug: string, number: number, request: CreateExportRequest): Subject<ExportJobView> {
    this.started.push([slug, number, request]);
    return this.startAnswer;
  }

  watch(id: string): Subject<ExportJobView> {
    this.watched.push(id);
    return this.watchAnswer;
  }
}

const DATA: ExportDialogData = { slug: 'bpf', versionNumber: 2, versionLabel: 'Draft for public comment', draft: false };

describe('ExportDialog', () => {
  let exports: FakeExports;

  const settle = (): Promise<void> => TestBed.inject(ApplicationRef).whenStable();
  const dialog = (): HTMLElement => {
    const container = document.querySelector<HTMLElement>('mat-dialog-container');
    if (!container) throw new Error('The dialog is not open');
    return container;
  };
  const button = (name: string): HTMLButtonElement => {
    const found = Array.from(dialog().querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
    if (!found) throw new Error(`No button "${name}"`);
    return found;
  };
  const input = (label: string): HTMLInputElement => {
    const found = Array.from(dialog().querySelectorAll<HTMLLabelElement>('label')).find((l) => l.textContent?.trim() === label);
    const control = found?.htmlFor ? document.getElementById(found.htmlFor) : null;
    if (!(control instanceof HTMLInputElement)) throw new Error(`No control labelled "${label}"`);
    return control;
  };
  const text = (selector: string): string => dialog().querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  async function open(data: ExportDialogData = DATA): Promise<void> {
    exports = new FakeExports();
    TestBed.configureTestingModule({ providers: [{ provide: ExportsService, useValue: exports }] });
    TestBed.inject(MatDialog).open(ExportDialog, { data });
    await settle();
  }

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    document.body.innerHTML = '';
  });

  it('offers the four formats and four annexes, with Word chosen and only the synthesis (annex A) ticked', async () => {
    await open();
    expect(text('h2')).toBe('Export version 2');
    expect(dialog().textContent).toContain('Draft for public comment');

    const group = dialog().querySelector<HTMLElement>('[role="radiogroup"]');
    const legendId = group?.getAttribute('aria-labelledby') ?? '';
    expect(document.getElementById(legendId)?.textContent?.trim()).toBe('Format');
    const radios = Array.from(dialog().querySelectorAll<HTMLInputElement>('input[type="radio"]'));
    expect(radios.map((r) => document.querySelector(`label[for="${r.id}"]`)?.textContent?.trim())).toEqual([
      'Word (DOCX)',
      'PDF',
      'Markdown',
      'Web page (HTML)',
    ]);
    expect(input('Word (DOCX)').checked).toBe(true);

    const annexes = Array.from(dialog().querySelectorAll('fieldset')).find((f) => f.querySelector('legend')?.textContent?.trim() === 'Annexes');
    const boxes = Array.from(annexes?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? []);
    expect(boxes.map((b) => document.querySelector(`label[for="${b.id}"]`)?.textContent?.trim())).toEqual([
      'Annex A. Synthesis of comments by stakeholder group',
      'Annex B. Disposition of every contribution',
      'Annex C. Accepted case studies',
      'Annex D. Contributors by stakeholder group',
    ]);
    expect(boxes.map((b) => b.checked)).toEqual([true, false, false, false]);
    expect(button('Close')).toBeTruthy();
    expect(dialog().querySelector('[role="status"]')?.textContent?.trim()).toBe('');
    expect(dialog().querySelector('mat-progress-bar')).toBeNull();
  });

  it('starts the chosen export, shows its progress in a bar and a live status, then offers the file and focuses it', async () => {
    await open();
    input('PDF').click();
    input('Annex C. Accepted case studies').click();
    input('Annex B. Disposition of every contribution').click();
    input('Annex A. Synthesis of comments by stakeholder group').click();
    await settle();
    button('Start export').click();
    await settle();

    expect(exports.started).toEqual([['bpf', 2, { format: 'pdf', annexes: ['B', 'C'] }]]);
    expect(text('[role="status"]')).toBe('Starting the export…');
    expect(button('Start export').disabled).toBe(true);

    exports.startAnswer.next(exportJob({ format: 'pdf' }));
    await settle();
    expect(exports.watched).toEqual(['job-1']);
    exports.watchAnswer.next(exportJob({ status: 'running', progress: 0.2, stage: 'reading contributions' }));
    await settle();

    const bar = dialog().querySelector<HTMLElement>('[role="progressbar"]');
    expect(bar?.getAttribute('aria-label')).toBe('Export progress');
    expect(bar?.getAttribute('aria-valuenow')).toBe('20');
    const status = dialog().querySelector<HTMLElement>('[role="status"]');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.textContent?.trim()).toBe('Reading contributions: 20%');

    exports.watchAnswer.next(
      exportJob({
        status: 'done',
        progress: 1,
        stage: 'done',
        fileName: 'bpf-v2.pdf',
        byteSize: 12_800,
        downloadUrl: '/api/exports/job-1/file',
      }),
    );
    exports.watchAnswer.complete();
    await settle();

    expect(text('[role="status"]')).toBe('Ready');
    expect(dialog().querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('100');
    const link = dialog().querySelector<HTMLAnchorElement>('a[download]');
    expect(link?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Download bpf-v2.pdf (13 kB)');
    expect(link?.getAttribute('href')).toBe('/api/exports/job-1/file');
    expect(document.activeElement).toBe(link);
    expect(button('Start export').disabled).toBe(false);
  });

  it('shows a failed job in an alert with its reason, and tries again with the same choices', async () => {
    await open();
    button('Start export').click();
    await settle();
    exports.startAnswer.next(exportJob());
    exports.watchAnswer.next(exportJob({ status: 'failed', stage: 'failed', error: 'The renderer ran out of memory.' }));
    await settle();

    expect(text('[role="alert"]')).toBe('The export failed: The renderer ran out of memory.');
    expect(dialog().querySelector('a[download]')).toBeNull();
    expect(dialog().querySelector('[role="progressbar"]')).toBeNull();

    exports.startAnswer = new Subject<ExportJobView>();
    button('Try again').click();
    await settle();
    expect(exports.started).toEqual([
      ['bpf', 2, { format: 'docx', annexes: ['A'] }],
      ['bpf', 2, { format: 'docx', annexes: ['A'] }],
    ]);
    expect(dialog().querySelector('[role="alert"]')).toBeNull();
  });

  it('shows why the API refused to start', async () => {
    await open();
    button('Start export').click();
    await settle();
    exports.startAnswer.error(
      new HttpErrorResponse({
        status: 404,
        error: { statusCode: 404, error: 'VERSION_NOT_FOUND', message: 'There is no version 2 of this document.' },
      }),
    );
    await settle();
    expect(text('[role="alert"]')).toBe('The export failed: There is no version 2 of this document.');
    expect(button('Try again')).toBeTruthy();
  });

  it('words the progress and the size', () => {
    const t = testTranslate();
    expect(progressText(exportJob({ status: 'running', stage: 'writing the file', progress: 0.504 }), t, 'en-GB')).toBe('Writing the file: 50%');
    expect(progressText(exportJob({ status: 'running', stage: '', progress: 0 }), t, 'en-GB')).toBe('Waiting to start: 0%');
    expect(progressText(exportJob({ status: 'done', progress: 1 }), t, 'en-GB')).toBe('Ready');
    expect(kilobytes(200)).toBe('1 kB');
    expect(kilobytes(2_048_000)).toBe('2,000 kB');
  });

  it('names the server’s stages in the reader’s language, and an unknown stage in the server’s words', () => {
    const t = testTranslate('es', es);
    // Intl puts no-break spaces before % and inside numbers; what matters here are the words.
    const spaced = (text: string) => text.replace(/\s/g, ' ');
    expect(spaced(progressText(exportJob({ status: 'running', stage: 'reading contributions', progress: 0.2 }), t, 'es-ES'))).toBe(
      'Leyendo las contribuciones: 20 %',
    );
    expect(spaced(progressText(exportJob({ status: 'running', stage: 'checking links', progress: 0.95 }), t, 'es-ES'))).toBe('Checking links: 95 %');
    expect(spaced(kilobytes(2_048_000, 'fr-FR'))).toBe('2 000 ko');
  });
});
