/**
 * Test-only helpers for scenario tests: add and remove scenarios through the control plane, as a
 * test suite or a demo would.
 */
import type { Requester } from '../test-support.ts';

export async function postScenario(app: Requester, body: unknown): Promise<Response> {
  return await app.request('/__emulator/scenarios', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Adds a scenario and returns its id; throws unless the emulator answered 201. */
export async function addScenario(app: Requester, body: Record<string, unknown>): Promise<string> {
  const response = await postScenario(app, body);
  const text = await response.text();
  if (response.status !== 201) throw new Error(`scenario refused (${response.status}): ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

export async function deleteScenario(app: Requester, id: string): Promise<Response> {
  return await app.request(`/__emulator/scenarios/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
