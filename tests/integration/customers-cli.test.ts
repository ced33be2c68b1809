import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';

/** `oms customers import` and `oms customers duplicates`, run as a user runs them (built CLI). */
const OMS = join(__dirname, '../../bin/oms.js');
const built = existsSync(join(__dirname, '../../out/main/cli.js'));

function oms(args: string[]) {
  const r = spawnSync(process.execPath, [OMS, ...args], { encoding: 'utf8', env: { ...process.env, OMS_PASSWORD: 'Pass-word123' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CSV = [
  'Customer ID,Given,Family,E-mail,Tel,House,Street,Flat,Town,Zip,State,Country,DOB',
  'A1,Robert,Kowalczyk,robert.kowalczyk@gmail.com,(415) 555-0123,12,Oak Street,,San Francisco,94110,CA,US,1980-03-07',
  'A2,Bob,Kowalczyk,robertkowalczyk+shop@gmail.com,+1 415 555 0123,12,Oak St,,San Francisco,94110,CA,US,03/07/1980',
  '"A3","Mary ""Molly""","Okafor","molly@example.com",,"7","Elm Road, rear","Flat 2","Leeds","LS1 4AP",,GB,',
  'A4,Anna,Kowalczyk,anna.k@yahoo.com,(415) 555-0123,12,Oak Street,,San Francisco,94110,CA,US,1984-11-21',
  'A5,Bad,Email,not-an-email,,,,,,,,US,31/02/1990',
  'A1,Someone,Again,someone@example.com,,,,,,,,US,',
  'A7,,,,,,,,,,,,',
  'A8,Too,Few',
  'A9,Karl,Schmidt,karl@web.de,030 12345678,5a,Hauptstraße,,Berlin,10115,,DE,1975-05-05',
].join('\r\n');

const MAP = {
  ref: 'Customer ID',
  first_name: 'Given',
  last_name: 'Family',
  email: 'E-mail',
  phone: 'Tel',
  address1: ['House', 'Street'],
  address2: 'Flat',
  city: 'Town',
  postcode: 'Zip',
  region: 'State',
  country: 'Country',
  birth_date: 'DOB',
};

describe.skipIf(!built)('oms customers (built CLI)', () => {
  const root = mkdtempSync(join(tmpdir(), 'oms-customers-'));
  const ws = join(root, 'shop');
  const csv = join(root, 'customers.csv');
  const map = join(root, 'map.json');
  let imported: ReturnType<typeof oms>;

  beforeAll(() => {
    expect(oms(['init', '--workspace', ws, '--owner', 'owner']).code).toBe(0);
    writeFileSync(csv, CSV);
    writeFileSync(map, JSON.stringify(MAP));
    imported = oms(['customers', 'import', csv, '--workspace', ws, '--map', map]);
  }, 120_000);

  it('imports the good rows and reports each bad one by row, column and reason', () => {
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 6 of 9 rows');
    const errors = imported.stderr.trim().split('\n');
    expect(errors).toEqual([
      'row 6, column E-mail: "not-an-email" is not an email address; imported without it',
      'row 6, column DOB: "31/02/1990" is not a date (use YYYY-MM-DD); imported without it',
      'row 7, column Customer ID: "A1" appears earlier in the file',
      'row 8, column Given/Family/E-mail: needs a name or an email',
      'row 9, column *: has 3 fields, the header has 13',
    ]);
  });

  it('keeps the source ref, joins mapped columns and reads quoted fields', () => {
    const db = new Database(join(ws, 'orderhouse.db'), { readonly: true });
    const molly = db.prepare("SELECT c.first_name, a.address1, a.address2, a.postcode FROM customers c JOIN customer_addresses a ON a.customer_id = c.id WHERE c.ref = 'A3'").get();
    const bad = db.prepare("SELECT email, birth_date FROM customers WHERE ref = 'A5'").get();
    db.close();
    expect(molly).toEqual({ first_name: 'Mary "Molly"', address1: '7 Elm Road, rear', address2: 'Flat 2', postcode: 'LS1 4AP' });
    expect(bad).toEqual({ email: null, birth_date: null });
  });

  it('flags the same person imported twice (nickname, gmail dots and +tag, another phone spelling) during the import', () => {
    expect(imported.stdout).toMatch(/possible duplicate: row (2 \(A1\) ~ customer A2|3 \(A2\) ~ customer A1) score/);
    expect(imported.stdout).not.toMatch(/A4/); // Anna: same address and landline, another person
  });

  it('duplicates --format csv prints a header then ref_a,ref_b,score for each pair, and not the household member', () => {
    const r = oms(['customers', 'duplicates', '--workspace', ws, '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('ref_a,ref_b,score');
    expect(lines.slice(1)).toHaveLength(1);
    expect(lines[1]).toMatch(/^A1,A2,(0\.9\d{3}|1\.0000)$/);
  });

  it.each([
    [['customers', 'import', 'x.csv', '--workspace', 'W'], /--map is required/],
    [['customers', 'duplicates', '--workspace', 'W', '--format', 'xml'], /--format must be csv/],
    [['customers', 'frobnicate'], /unknown customers command "frobnicate"/],
  ])('usage mistakes exit 2: %j', (args, message) => {
    const r = oms(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a mapping naming a column the file lacks is a usage mistake naming it', () => {
    const bad = join(root, 'bad-map.json');
    writeFileSync(bad, JSON.stringify({ first_name: 'Vorname' }));
    const r = oms(['customers', 'import', csv, '--workspace', ws, '--map', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"first_name" maps to column "Vorname", which the file does not have/);
  });
});
