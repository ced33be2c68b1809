import { describe, expect, it } from 'vitest';
import { splitSkuTerms, toFtsQuery } from '../../src-main/core/orders/fts-query';

describe('what a person types becomes a safe full-text query', () => {
  it.each<[string, string | null]>([
    ['smith', '"smith"*'],
    ['Jane Smith', '"Jane"* "Smith"*'],
    ['#1042', '"1042"*'],
    ['jane.doe@example.com', '"jane.doe@example.com"*'],
    ['+1 (555) 010-2030', 'phone:"15550102030"*'],
    ['555-0102', 'phone:"5550102"*'],
    ['SKU-00042', '"SKU-00042"*'],
    // A single-character last token is matched exactly: a one-letter prefix would expand to thousands of words.
    ['APP-02042-OAT-S', '"APP-02042-OAT-S"'],
    ['j smith', '"j" "smith"*'],
    ['say "hi"', '"say"* """hi"""*'],
    ['AND OR NOT', '"AND"* "OR"* "NOT"*'],
    ['***', null],
    ['   ', null],
  ])('%j', (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected);
  });
});

describe('SKU-like terms are looked up in the SKU index', () => {
  it.each<[string, string[], string]>([
    ['APP-01041-BLK-M', ['APP-01041-BLK-M'], ''],
    ['tee_042 linen', ['TEE_042'], 'linen'],
    ['app-0104', ['APP-0104'], ''],
    ['T-shirt', [], 'T-shirt'], // no digit: a word, not a SKU
    ['jane.doe@example.com', [], 'jane.doe@example.com'],
    ['1042', [], '1042'],
    ['Jane Smith', [], 'Jane Smith'],
  ])('%j', (input, skus, rest) => {
    expect(splitSkuTerms(input)).toEqual({ skus, rest });
  });
});
