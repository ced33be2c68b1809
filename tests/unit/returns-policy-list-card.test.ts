import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { codeFromLabel, PolicyListCard, type PolicyListCardProps } from '../../src-renderer/src/screens/returns/policy-list-card';

/**
 * The card both return-policy lists (reasons, conditions) are drawn with:
 * saved rows are retired, never removed; rows added in this draft can be
 * removed and get their code from the label; the Add button, row actions and
 * hint only while editing. Rendered to static markup (no browser needed).
 */
interface Row {
  code: string;
  label: string;
  retired: boolean;
  colour: string;
}

const rows: Row[] = [
  { code: 'red', label: 'Red', retired: false, colour: '#f00' },
  { code: 'blue', label: 'Blue', retired: true, colour: '#00f' },
  { code: 'green_ish', label: 'Green-ish', retired: false, colour: '#0f0' },
];

function render(over: Partial<PolicyListCardProps<Row>> = {}): string {
  const props: PolicyListCardProps<Row> = {
    testId: 'policy-colours',
    rowTestId: 'policy-colour',
    addTestId: 'colour-add',
    title: 'Colours',
    addText: 'Add a colour',
    noun: 'Colour',
    placeholder: 'e.g. Teal',
    rows,
    saved: new Set(['red', 'blue']),
    editing: true,
    onChange: () => {},
    blank: () => ({ code: '', label: '', retired: false, colour: '' }),
    columns: [{ header: 'Hex', cell: (r, { editable, name }) => (editable ? createElement('input', { 'aria-label': `${name} hex`, value: r.colour, readOnly: true }) : r.colour) }],
    hint: 'Retired colours stay on past returns.',
    ...over,
  };
  return renderToStaticMarkup(createElement(PolicyListCard<Row>, props));
}

const rowsOf = (html: string) => html.match(/<tr class="[^"]*" data-testid="policy-colour">.*?<\/tr>|<tr data-testid="policy-colour">.*?<\/tr>/g) ?? [];

describe('policy list card', () => {
  it('read-only: the rows with their own columns, retired ones marked, and no Add button, actions or hint', () => {
    const html = render({ editing: false });
    expect(html).toContain('data-testid="policy-colours"');
    expect(html).toContain('<th>Colour</th><th>Code</th><th>Hex</th></tr>');
    expect(html).not.toContain('colour-add');
    expect(html).not.toContain('aria-label="Actions"');
    expect(html).not.toContain('Retired colours stay');
    const [red, blue] = rowsOf(html);
    expect(red).toContain('<td>Red</td><td class="mono muted">red</td><td>#f00</td>');
    expect(blue).toMatch(/^<tr class="retired"/);
    expect(blue).toContain('Blue<span class="badge">retired</span>');
  });

  it('editing: Add button, inputs labelled by row, and the hint', () => {
    const html = render();
    expect(html).toContain('data-testid="colour-add">Add a colour</button>');
    expect(html).toContain('<th aria-label="Actions"></th>');
    expect(html).toContain('aria-label="Colour 1 label"');
    expect(html).toContain('aria-label="Colour 1 hex"');
    expect(html).toContain('<p class="muted small">Retired colours stay on past returns.</p>');
  });

  it('a saved row is retired (or restored), keeps its code, and is never removed; a new row is removed and its code can be typed', () => {
    const [red, blue, green] = rowsOf(render());
    expect(red).toContain('aria-label="Retire Red"');
    expect(red).not.toContain('Remove');
    expect(red).not.toContain('aria-label="Colour 1 code"');
    // A retired row shows no inputs, only Restore.
    expect(blue).toContain('aria-label="Restore Blue"');
    expect(blue).not.toContain('aria-label="Colour 2 label"');
    expect(green).toContain('aria-label="Remove Green-ish"');
    expect(green).toContain('aria-label="Colour 3 code"');
  });

  it('rows that cannot be retired have no Retire or Remove; reorderable lists move rows but not past either end', () => {
    const [red, , green] = rowsOf(render({ fixed: (r) => r.code === 'red', reorder: true, labelBadge: (r) => (r.code === 'red' ? createElement('span', { className: 'badge badge-blue' }, 'required') : null) }));
    expect(red).not.toMatch(/Retire|Remove/);
    expect(red).toContain('<span class="badge badge-blue">required</span>');
    expect(red).toMatch(/<button[^>]*disabled=""[^>]*aria-label="Move Red up"/);
    expect(red).not.toMatch(/<button[^>]*disabled=""[^>]*aria-label="Move Red down"/);
    expect(green).toMatch(/<button[^>]*disabled=""[^>]*aria-label="Move Green-ish down"/);
  });

  it('a new row gets its code from the label until someone types one', () => {
    expect(codeFromLabel('Too small (ordered online)')).toBe('too_small_ordered_online');
    expect(codeFromLabel('  Damaged -- in transit!  ')).toBe('damaged_in_transit');
    expect(codeFromLabel('Défaut de fabrication')).toBe('defaut_de_fabrication');
    expect(codeFromLabel('Größe passt nicht')).toBe('grosse_passt_nicht');
  });
});
