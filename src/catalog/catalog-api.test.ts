import { describe, expect, it, vi } from 'vitest';
import { fetchCatalog, prefetchCatalog, takeArrivedCatalog } from './catalog-api';

const body = {
  channels: [{ id: 'harbor-news', name: 'Harbor News' }],
  titles: [
    {
      id: 'harbor-morning-brief',
      title: 'The Morning Brief',
      channel: 'harbor-news',
      poster: '/media/posters/harbor-morning-brief.svg',
      synopsis: 'Headlines.',
      durationSeconds: 10,
    },
  ],
};

function fakeFetch() {
  return vi.fn<typeof fetch>(async () => new Response(JSON.stringify(body), { status: 200 }));
}

describe('catalog API', () => {
  it('fetches and validates /catalog.json', async () => {
    const fetchImpl = fakeFetch();
    await expect(fetchCatalog(fetchImpl)).resolves.toEqual(body);
    expect(fetchImpl).toHaveBeenCalledWith('/catalog.json', expect.anything());
  });

  it('a prefetched catalog is taken by the first fetch only, without a second request', async () => {
    const early = fakeFetch();
    prefetchCatalog(early);
    prefetchCatalog(early);
    const later = fakeFetch();
    await expect(fetchCatalog(later)).resolves.toEqual(body);
    expect(early).toHaveBeenCalledTimes(1);
    expect(later).not.toHaveBeenCalled();
    // A later fetch (a refetch) asks again.
    await fetchCatalog(later);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('an arrived prefetch is handed over once, synchronously; later fetches ask again', async () => {
    expect(takeArrivedCatalog()).toBeUndefined();
    const early = fakeFetch();
    await prefetchCatalog(early);
    expect(early).toHaveBeenCalledTimes(1);
    expect(takeArrivedCatalog()).toEqual(body);
    expect(takeArrivedCatalog()).toBeUndefined();
    const later = fakeFetch();
    await fetchCatalog(later);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('a failed prefetch settles without rejecting, and the query asks again', async () => {
    const down = vi.fn<typeof fetch>(async () => new Response('', { status: 503 }));
    await expect(prefetchCatalog(down)).resolves.toBeUndefined();
    expect(takeArrivedCatalog()).toBeUndefined();
    await expect(fetchCatalog(down)).rejects.toThrow('HTTP 503');
    const up = fakeFetch();
    await expect(fetchCatalog(up)).resolves.toEqual(body);
  });

  it('rejects a malformed answer and an HTTP error', async () => {
    const bad = vi.fn<typeof fetch>(async () => new Response('{"titles":3}', { status: 200 }));
    await expect(fetchCatalog(bad)).rejects.toThrow();
    const down = vi.fn<typeof fetch>(async () => new Response('', { status: 503 }));
    await expect(fetchCatalog(down)).rejects.toThrow('HTTP 503');
  });
});
