import { useEffect, useRef } from 'react';

interface PlayerProps {
  src: string;
  title: string;
  poster?: string;
}

/** readyState at which the browser can start playing (HTMLMediaElement.HAVE_FUTURE_DATA). */
const CAN_PLAY = 3;

/**
 * The video player. The stream URL carries a single-use media token; the origin keeps serving this
 * browser once it opened the stream, so a token that expires mid-play does not stop playback.
 */
export default function Player({ src, title, poster }: PlayerProps) {
  const ref = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    // A muted start is what browsers' autoplay policies allow; the viewer can unmute.
    video.muted = true;
    const start = () => void video.play().catch(() => undefined);
    if (video.readyState >= CAN_PLAY) {
      start();
      return;
    }
    video.addEventListener('canplay', start, { once: true });
    return () => video.removeEventListener('canplay', start);
  }, [src]);

  return (
    <video
      ref={ref}
      className="player"
      data-testid="player"
      src={src}
      poster={poster}
      controls
      playsInline
      muted
      preload="auto"
      aria-label={`Video: ${title}`}
    />
  );
}
