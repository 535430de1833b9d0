/** An MVPD logo; decorative next to the MVPD's name, which is always shown as text. */
export function ProviderLogo({ src, size = 'small' }: { src: string; size?: 'small' | 'large' }) {
  if (!src) return null;
  const [width, height] = size === 'large' ? [180, 60] : [72, 24];
  return <img className="provider-logo" src={src} alt="" width={width} height={height} />;
}
