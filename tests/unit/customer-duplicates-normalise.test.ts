import { describe, expect, it } from 'vitest';
import { parseBirthDate } from '../../src-main/core/customers/duplicates/dates';
import { canonicalEmail } from '../../src-main/core/customers/duplicates/email';
import { formalNames, nicknameMatch } from '../../src-main/core/customers/duplicates/nicknames';
import { toE164 } from '../../src-main/core/customers/duplicates/phone';
import { normalisePostcode, normaliseStreet } from '../../src-main/core/customers/duplicates/street';
import { compact, fold, soundex } from '../../src-main/core/customers/duplicates/text';

describe('text folding', () => {
  it.each([
    ['Zoë O\'Brien-Müller', 'zoe o brien muller'],
    ['  JOSÉ   García ', 'jose garcia'],
    ['Straße', 'strasse'],
    ['Søren Æbelø', 'soren aebelo'],
    [null, ''],
  ])('fold(%j) = %j', (raw, out) => expect(fold(raw)).toBe(out));

  it.each([
    ["O'Brien", 'obrien'],
    ['van der Berg', 'vanderberg'],
  ])('compact(%j) = %j', (raw, out) => expect(compact(raw)).toBe(out));

  it.each([
    ['Robert', 'R163'],
    ['Rupert', 'R163'],
    ['Ashcraft', 'A261'],
    ['Tymczak', 'T522'],
    ['Pfister', 'P236'],
  ])('soundex(%j) = %j', (raw, out) => expect(soundex(raw)).toBe(out));
});

describe('nicknames', () => {
  it.each([
    ['bob', 'robert', true],
    ['bob', 'rob', true],
    ['bill', 'william', true],
    ['chris', 'christine', true],
    ['mandy', 'amanda', true],
    ['bob', 'william', false],
    ['anna', 'hannah', false],
    ['robert', 'robert', false], // equal is not a nickname match; the comparator sees it as "same"
  ])('%s ~ %s → %s', (a, b, out) => expect(nicknameMatch(a, b)).toBe(out));

  it('a short form can stand for several formal names', () => {
    expect(formalNames('chris')).toEqual(expect.arrayContaining(['christopher', 'christine', 'christian']));
    expect(formalNames('zebedee')).toEqual(['zebedee']);
  });
});

describe('email canonical form', () => {
  it.each([
    ['John.Smith@Gmail.com', 'johnsmith@gmail.com'],
    ['john.smith+shop@gmail.com', 'johnsmith@gmail.com'],
    ['j.o.h.n@googlemail.com', 'john@gmail.com'],
    ['mary.jones+orders@outlook.com', 'mary.jones@outlook.com'], // Outlook drops +tags but keeps dots
    ['mary.jones+x@hotmail.co.uk', 'mary.jones@hotmail.co.uk'],
    ['anna+tag@icloud.com', 'anna@icloud.com'],
    ['first.last@yahoo.com', 'first.last@yahoo.com'], // Yahoo keeps dots
    ['a+b@company.example', 'a+b@company.example'], // unknown providers keep everything
    ['  MAILTO:Someone@Web.DE ', 'someone@web.de'],
  ])('%s → %s', (raw, out) => expect(canonicalEmail(raw)?.mailbox).toBe(out));

  it.each([['not-an-email'], ['@gmail.com'], ['x@'], [''], [null]])('%j has no canonical form', (raw) => expect(canonicalEmail(raw)).toBeNull());
});

describe('phones to E.164', () => {
  it.each([
    ['(415) 555-0123', 'US', '+14155550123'],
    ['+1 415 555 0123', null, '+14155550123'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+44 20 7946 0958', 'US', '+442079460958'],
    ['0044 20 7946 0958', null, '+442079460958'],
    ['030 12345678', 'DE', '+493012345678'],
    ['1-415-555-0123', 'US', '+14155550123'],
    ['416.496.4402', 'CA', '+14164964402'],
    ['+44 (0)20 7946 0958', 'GB', '+442079460958'],
    ['(03) 5163 1019', 'AU', '+61351631019'],
    ['12', 'US', null],
    ['', 'US', null],
  ])('%j in %s → %s', (raw, country, out) => expect(toE164(raw, country)).toBe(out));
});

describe('street addresses', () => {
  it.each([
    ['12 Oak Street', '12 oak st'],
    ['12 Oak St.', '12 oak st'],
    ['12, Oak st', '12 oak st'],
    ['Oak Street 12', '12 oak st'],
    ['Hauptstraße 5a', '5a haupt st'],
    ['Hauptstr. 5a', '5a haupt st'],
    ['Hauptstrasse 5a', '5a haupt st'],
    ['44 North Avenue', '44 n ave'],
    ['Apartment 3', '3 apt'],
  ])('%j → %j', (raw, out) => expect(normaliseStreet(raw).full).toBe(out));

  it('splits the house number from the street name', () => {
    expect(normaliseStreet('221b Baker Street')).toEqual({ full: '221b baker st', number: '221b', name: 'baker st' });
  });

  it.each([
    ['sw1a 1aa', 'SW1A1AA'],
    ['10115', '10115'],
    [' m5v-2t6 ', 'M5V2T6'],
  ])('postcode %j → %j', (raw, out) => expect(normalisePostcode(raw)).toBe(out));
});

describe('birth dates', () => {
  it.each([
    ['1980-03-07', null, '1980-03-07'],
    ['19800307', null, '1980-03-07'],
    ['07/03/1980', 'GB', '1980-03-07'],
    ['03/07/1980', 'US', '1980-03-07'],
    ['25/12/1980', 'US', '1980-12-25'], // a part over 12 settles the order
    ['7.3.1980', 'DE', '1980-03-07'],
    ['1980-02-30', null, null],
    ['yesterday', null, null],
    ['1700-01-01', null, null],
  ])('%j (%s) → %s', (raw, country, out) => expect(parseBirthDate(raw, country)).toBe(out));
});
