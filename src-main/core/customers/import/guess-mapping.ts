import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from './mapping';

/**
 * A first guess at the column mapping from the header's names, for the
 * mapping step of the in-app import (the person checks and corrects it).
 * Names are compared without case, spaces, dashes or underscores. Address
 * lines split over a house number and a street column are joined.
 */
const SYNONYMS: Record<ImportField, string[]> = {
  ref: ['ref', 'reference', 'id', 'customerid', 'custid', 'recid', 'clientid', 'externalid', 'customernumber', 'customerno'],
  first_name: ['firstname', 'first', 'given', 'givenname', 'forename', 'fname'],
  last_name: ['lastname', 'last', 'surname', 'family', 'familyname', 'lname'],
  email: ['email', 'emailaddress', 'mail'],
  phone: ['phone', 'phonenumber', 'tel', 'telephone', 'mobile', 'cell', 'phoneno'],
  address1: ['address1', 'address', 'addressline1', 'street', 'streetaddress', 'address_1'],
  address2: ['address2', 'addressline2', 'flat', 'apartment', 'suite', 'unit'],
  city: ['city', 'town', 'suburb', 'locality'],
  postcode: ['postcode', 'zip', 'zipcode', 'postalcode', 'postal'],
  region: ['region', 'state', 'province', 'county'],
  country: ['country', 'countrycode'],
  birth_date: ['birthdate', 'dateofbirth', 'dob', 'birthday', 'born'],
};
const HOUSE_NUMBER = ['streetnumber', 'housenumber', 'house', 'houseno', 'number', 'no'];

const key = (h: string) => h.toLowerCase().replace(/[\s_\-.]/g, '');

export function guessMapping(header: readonly string[]): ColumnMapping {
  const keys = header.map(key);
  const used = new Set<number>();
  const out: ColumnMapping = {};
  for (const field of IMPORT_FIELDS) {
    const names = SYNONYMS[field].map(key);
    // exact synonym first; then a header that starts with one (e.g. "E-mail address (work)")
    let idx = keys.findIndex((k, i) => !used.has(i) && names.includes(k));
    if (idx < 0) idx = keys.findIndex((k, i) => !used.has(i) && names.some((n) => n.length >= 4 && k.startsWith(n)));
    if (idx < 0) continue;
    used.add(idx);
    out[field] = header[idx]!;
  }
  const house = keys.findIndex((k, i) => !used.has(i) && HOUSE_NUMBER.includes(k));
  if (house >= 0 && typeof out.address1 === 'string') out.address1 = [header[house]!, out.address1];
  return out;
}
