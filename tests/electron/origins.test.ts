import { describe, expect, it } from 'vitest';
import { renderErrorPage } from '../../src-main/app/error-page';
import { isOwnUrl } from '../../src-main/app/origins';

describe('our own origin', () => {
  it('accepts only app://orderhouse, plus the local dev server when one is configured', () => {
    expect(isOwnUrl('app://orderhouse/index.html', null)).toBe(true);
    expect(isOwnUrl('app://orderhouse/orders/42', null)).toBe(true);
    for (const url of ['app://orderhouse.evil/', 'app://evil/', 'https://orderhouse/', 'file:///index.html', 'http://localhost:5173/', 'not a url', '']) {
      expect(isOwnUrl(url, null), url).toBe(false);
    }
    const dev = new URL('http://localhost:5173/');
    expect(isOwnUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isOwnUrl('http://localhost:5174/', dev)).toBe(false);
  });
});

describe('start-up error page', () => {
  it('says what happened and what to do, with every message escaped', () => {
    const html = renderErrorPage({ kind: 'too_new', message: 'schema 9 <script>alert(1)</script>' }, '/home/ann/ws');
    expect(html).toContain('This workspace needs a newer Orderhouse');
    expect(html).toContain('Install the latest version');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
  });
});
