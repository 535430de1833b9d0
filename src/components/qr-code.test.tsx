import { cleanup, render, screen } from '@testing-library/react';
import { renderSVG } from 'uqr';
import { afterEach, describe, expect, it } from 'vitest';
import { QR_OPTIONS, QrCode, qrDataUri } from './qr-code';

afterEach(cleanup);

const URL_A = 'http://127.0.0.1:4000/activate?code=8ER640M';
const URL_B = 'http://127.0.0.1:4000/activate?code=8BLW4RW';

function svgOf(img: HTMLElement): string {
  const src = img.getAttribute('src') ?? '';
  const prefix = 'data:image/svg+xml;charset=utf-8,';
  expect(src.startsWith(prefix)).toBe(true);
  return decodeURIComponent(src.slice(prefix.length));
}

describe('<QrCode>', () => {
  it('is an image whose accessible name says it is a QR code and what it opens', () => {
    render(<QrCode value={URL_A} testId="activation-qr" />);
    const img = screen.getByRole('img', { name: /QR/ });
    expect(img.getAttribute('alt')).toBe(`QR code to open ${URL_A}`);
    expect(img.getAttribute('data-testid')).toBe('activation-qr');
  });

  it('accepts a custom accessible name', () => {
    render(<QrCode value={URL_A} label="QR code for the activation page" />);
    expect(screen.getByRole('img', { name: 'QR code for the activation page' })).toBeTruthy();
  });

  it('encodes exactly the given URL', () => {
    render(<QrCode value={URL_A} />);
    const svg = svgOf(screen.getByRole('img'));
    expect(svg).toBe(renderSVG(URL_A, QR_OPTIONS));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toBe(renderSVG(URL_B, QR_OPTIONS));
  });

  it('renders no markup into the page: the SVG stays inside a data: URI', () => {
    const { container } = render(<QrCode value={URL_A} />);
    expect(container.querySelector('svg')).toBeNull();
    expect(qrDataUri(URL_A)).not.toMatch(/[<>"]/);
  });
});
