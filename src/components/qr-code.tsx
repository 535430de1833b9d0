import { useMemo } from 'react';
import { renderSVG } from 'uqr';

/** uqr options shared by the component and its tests: medium error correction, standard quiet zone. */
export const QR_OPTIONS = { ecc: 'M', border: 4, pixelSize: 10 } as const;

/**
 * The QR code of `value` as a `data:` URI. The SVG comes from uqr (paths and rects only) and is shown
 * through an <img>, so nothing is injected into the page's DOM and no script in it could ever run.
 */
export function qrDataUri(value: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(value, QR_OPTIONS))}`;
}

interface QrCodeProps {
  /** The text to encode (here: the activation URL). */
  value: string;
  /** Accessible name; defaults to "QR code to open <value>". */
  label?: string;
  size?: number;
  testId?: string;
  className?: string;
}

/** A scannable QR code with an accessible name that says what it opens. */
export function QrCode({ value, label, size = 240, testId, className = 'qr-code' }: QrCodeProps) {
  const src = useMemo(() => qrDataUri(value), [value]);
  return (
    <img
      className={className}
      src={src}
      alt={label ?? `QR code to open ${value}`}
      width={size}
      height={size}
      data-testid={testId}
      data-value={value}
    />
  );
}
