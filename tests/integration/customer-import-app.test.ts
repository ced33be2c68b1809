import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoShop } from '../../src-main/core/demo';
import { guessMapping } from '../../src-main/core/customers/import/guess-mapping';
import { IMPORT_FIELDS } from '../../src-main/core/customers/import/mapping';
import { IMPORT_MAX_CHARS, IMPORT_TARGET_FIELDS } from '../../src-shared/contract';
import { demoWorkspace, type Session, type TestWorkspace } from '../support/workspace';

/** The in-app import through the contract: preview for the mapping step, the run with progress, duplicates and error rows. */
const CSV = [
  'Customer ID,Given,Family,E-mail,Tel,House,Street,Town,Zip,Country,DOB',
  'X1,Robert,Kowalczyk,robert.kowalczyk@gmail.com,(415) 555-0123,12,Oak Street,San Francisco,94110,US,1980-03-07',
  'X2,Bob,Kowalczyk,robertkowalczyk+shop@gmail.com,+1 415 555 0123,12,Oak St,San Francisco,94110,US,03/07/1980',
  'X3,Bad,Email,not-an-email,,,,,,US,',
  'X4,,,,,,,,,,',
  'X5,Too,Few',
].join('\n');

describe('customer import in the app', () => {
  let ws: TestWorkspace;
  let staff: Session;
  const progress: { job: string; phase: string; done: number; total: number }[] = [];

  beforeAll(async () => {
    ws = await demoWorkspace();
    generateDemoShop(ws.core.ctx.sqlite, { orders: 300, customers: 200, seed: 5 });
    staff = await ws.as('backoffice');
    ws.core.onEvent((event, payload) => {
      if (event === 'job.progress') progress.push(payload as (typeof progress)[number]);
    });
  }, 60_000);
  afterAll(() => ws?.dispose());

  it('guesses the mapping from header names, joining a house number with the street', () => {
    expect(guessMapping(['Customer ID', 'Given', 'Family', 'E-mail', 'Tel', 'House', 'Street', 'Town', 'Zip', 'Country', 'DOB'])).toEqual({
      ref: 'Customer ID',
      first_name: 'Given',
      last_name: 'Family',
      email: 'E-mail',
      phone: 'Tel',
      address1: ['House', 'Street'],
      city: 'Town',
      postcode: 'Zip',
      country: 'Country',
      birth_date: 'DOB',
    });
    // FEBRL-style headers
    expect(guessMapping(['rec_id', 'given_name', 'surname', 'street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'state', 'date_of_birth'])).toMatchObject({
      ref: 'rec_id',
      first_name: 'given_name',
      last_name: 'surname',
      address1: ['street_number', 'address_1'],
      address2: 'address_2',
      city: 'suburb',
      region: 'state',
      birth_date: 'date_of_birth',
    });
    expect([...IMPORT_TARGET_FIELDS]).toEqual([...IMPORT_FIELDS]);
  });

  it('previews the first rows as they would import, each with its errors, writing nothing', async () => {
    const before = ws.core.ctx.sqlite.prepare('SELECT count(*) FROM customers').pluck().get();
    const p = await staff.ok('customers.importPreview', { text: CSV, limit: 10 });
    expect(p.mappingError).toBeNull();
    expect(p.header).toHaveLength(11);
    expect(p.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(p.rows[0]!.values).toMatchObject({ first_name: 'Robert', address1: '12 Oak Street' });
    expect(p.rows[0]!.rejected).toEqual([]);
    expect(p.rows[2]!.dropped[0]).toMatchObject({ column: 'E-mail', reason: expect.stringContaining('is not an email address') });
    expect(p.rows[3]!.rejected[0]!.reason).toBe('needs a name or an email');
    expect(p.rows[4]!.rejected[0]!.reason).toMatch(/has 3 fields, the header has 11/);
    expect(ws.core.ctx.sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(before);
  });

  it('explains a mapping that cannot be used instead of failing', async () => {
    const p = await staff.ok('customers.importPreview', { text: CSV, mapping: { first_name: 'Vorname' } });
    expect(p.mappingError).toMatch(/maps to column "Vorname", which the file does not have/);
    const run = await staff.call('customers.import', { text: CSV, mapping: { first_name: 'Vorname' } });
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('The mapping cannot be used') });
  });

  it('refuses a file over the size limit with a clear message', async () => {
    const r = await staff.call('customers.import', { text: 'x'.repeat(IMPORT_MAX_CHARS + 1), mapping: { first_name: 'x' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/larger than 8 MB.*oms customers import/);
  });

  it('imports the good rows with progress, reports error rows and duplicates found against existing customers, audited', async () => {
    const existing = ws.core.ctx.sqlite.prepare("INSERT INTO customers(ref, first_name, last_name, email, phone) VALUES ('OLD-1', 'Robert', 'Kowalczyk', 'robert.kowalczyk@gmail.com', '+14155550123')").run();
    const preview = await staff.ok('customers.importPreview', { text: CSV });
    const r = await staff.ok('customers.import', { text: CSV, mapping: preview.mapping, fileName: 'crm.csv' });
    expect(r).toMatchObject({ rows: 5, imported: 3 });
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { row: 4, column: 'E-mail', reason: '"not-an-email" is not an email address; imported without it' },
        { row: 5, column: 'Given/Family/E-mail', reason: 'needs a name or an email' },
        { row: 6, column: '*', reason: 'has 3 fields, the header has 11' },
      ]),
    );
    expect(r.duplicateCount).toBe(r.duplicates.length);
    const robert = r.duplicates.find((d) => d.ref === 'X1' && d.matchId === Number(existing.lastInsertRowid));
    expect(robert).toMatchObject({ row: 2, name: 'Robert Kowalczyk', matchName: 'Robert Kowalczyk' });
    // the duplicates are in the review queue, where the link takes the person
    const queue = await staff.ok('duplicates.review', { limit: 100 });
    expect(queue.items.some((q) => [q.a.id, q.b.id].includes(robert!.customerId))).toBe(true);
    const phases = progress.filter((p) => p.job === 'customers.import').map((p) => p.phase);
    expect(phases).toEqual(expect.arrayContaining(['read', 'write']));
    const audit = ws.core.ctx.sqlite.prepare("SELECT detail FROM audit_log WHERE action = 'customers.import' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ rows: 5, imported: 3, file: 'crm.csv', from: 'app' });
  });

  it('a packer cannot preview or import', async () => {
    const packer = await ws.as('packer');
    const r = await packer.call('customers.importPreview', { text: CSV });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  });
});
