// @vitest-environment node
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cors } from './cors.ts';

function corsApp(): Hono {
  const app = new Hono();
  app.use('/api/*', cors({ methods: ['GET', 'POST', 'OPTIONS'], headers: ['Authorization', 'ApiKey'] }));
  app.get('/api/thing', (c) => c.json({ ok: true }));
  app.get('/api/raw', () => new Response('raw', { headers: { 'Content-Type': 'text/plain' } }));
  app.get('/api/vary', (c) => c.body('varied', 200, { Vary: 'Accept' }));
  return app;
}

describe('cors', () => {
  const app = corsApp();

  it('reflects the caller’s Origin on answers and varies on it', async () => {
    const response = await app.request('/api/thing', { headers: { Origin: 'http://localhost:5173' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    expect(response.headers.get('Vary')).toBe('Origin');
    expect(await response.json()).toEqual({ ok: true });
  });

  it('adds nothing but Vary without an Origin', async () => {
    const response = await app.request('/api/thing');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(response.headers.get('Vary')).toBe('Origin');
  });

  it('also marks answers a route built itself, and keeps a route’s own Vary', async () => {
    const raw = await app.request('/api/raw', { headers: { Origin: 'https://tv.example' } });
    expect(raw.headers.get('Access-Control-Allow-Origin')).toBe('https://tv.example');
    expect(await raw.text()).toBe('raw');
    const varied = await app.request('/api/vary', { headers: { Origin: 'https://tv.example' } });
    expect(varied.headers.get('Vary')).toBe('Accept, Origin');
  });

  it('answers a preflight with 204, the allowed methods and headers, and no body', async () => {
    const response = await app.request('/api/thing', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://tv.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,apikey',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://tv.example');
    expect(response.headers.get('Access-Control-Allow-Methods')).toBe('GET,POST,OPTIONS');
    expect(response.headers.get('Access-Control-Allow-Headers')).toBe('Authorization,ApiKey');
    expect(response.headers.get('Vary')).toBe('Origin, Access-Control-Request-Headers');
    expect(response.headers.get('Content-Type')).toBeNull();
    expect(await response.text()).toBe('');
  });

  it('leaves paths outside its prefix alone', async () => {
    const outside = new Hono();
    outside.use('/api/*', cors({ methods: ['GET'], headers: [] }));
    outside.get('/page', (c) => c.text('page'));
    const response = await outside.request('/page', { headers: { Origin: 'https://tv.example' } });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(response.headers.get('Vary')).toBeNull();
  });
});
