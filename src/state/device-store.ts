import { create } from 'zustand';
import { syncWithLocalStorage } from './local-storage-sync';

/** An MVPD as the viewer picked it: its id and, for display, its name and logo. */
export interface KnownMvpd {
  id: string;
  displayName: string;
  logoUrl: string;
}

/**
 * Client state only: the stable per-install device id (sent as AP-Device-Identifier), the MVPD the
 * viewer chose (the one to watch with when the device holds profiles of several), the names and
 * logos of the MVPDs picked on this device (so the account page and the chooser need no
 * configuration request), and the authentication code in progress. Server state lives in React Query.
 */
interface DeviceState {
  deviceId: string;
  chosenMvpd: KnownMvpd | null;
  knownMvpds: Record<string, KnownMvpd>;
  pendingCode: string | null;
  actions: {
    /** The viewer picked this MVPD (to sign in, or to watch with among the signed-in ones). */
    mvpdChosen(mvpd: KnownMvpd | null): void;
    codeIssued(code: string | null): void;
    /** Signed out of one MVPD (its choice and name go), or of everything when no id is given. */
    signedOut(mvpd?: string): void;
    /** A full profiles answer has none for these MVPDs: forget their names (not the choice). */
    mvpdsForgotten(ids: readonly string[]): void;
  };
}

function newDeviceId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`
  );
}

type ChosenMvpd = DeviceState['chosenMvpd'];

function without(known: Record<string, KnownMvpd>, id: string): Record<string, KnownMvpd> {
  return Object.fromEntries(Object.entries(known).filter(([key]) => key !== id));
}

const useDeviceStore = create<DeviceState>()((set) => ({
  deviceId: newDeviceId(),
  chosenMvpd: null,
  knownMvpds: {},
  pendingCode: null,
  actions: {
    mvpdChosen: (mvpd) =>
      set((state) => ({
        chosenMvpd: mvpd,
        knownMvpds: mvpd ? { ...state.knownMvpds, [mvpd.id]: { ...mvpd } } : state.knownMvpds,
      })),
    codeIssued: (code) => set({ pendingCode: code }),
    signedOut: (mvpd) =>
      set((state) => ({
        pendingCode: null,
        chosenMvpd: mvpd === undefined || state.chosenMvpd?.id === mvpd ? null : state.chosenMvpd,
        knownMvpds: mvpd === undefined ? {} : without(state.knownMvpds, mvpd),
      })),
    mvpdsForgotten: (ids) =>
      set((state) =>
        ids.some((id) => id in state.knownMvpds)
          ? { knownMvpds: ids.reduce((known, id) => without(known, id), state.knownMvpds) }
          : state,
      ),
  },
}));

function isChosenMvpd(value: unknown): value is NonNullable<ChosenMvpd> {
  const mvpd = value as Partial<NonNullable<ChosenMvpd>> | null;
  return (
    !!mvpd &&
    typeof mvpd.id === 'string' &&
    typeof mvpd.displayName === 'string' &&
    typeof mvpd.logoUrl === 'string'
  );
}

/** Only well-formed entries, keyed by their own id, come back from storage. */
function restoreKnown(value: unknown): Record<string, KnownMvpd> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter((entry): entry is [string, KnownMvpd] => isChosenMvpd(entry[1]) && entry[1].id === entry[0])
      .map(([id, mvpd]) => [id, { id, displayName: mvpd.displayName, logoUrl: mvpd.logoUrl }]),
  );
}

// Kept in localStorage (`passref.device`). A freshly generated device id is stored at once, so a
// reload (or a second-screen page that never changes state) keeps the same AP-Device-Identifier.
syncWithLocalStorage(useDeviceStore, {
  key: 'passref.device',
  pick: ({ deviceId, chosenMvpd, knownMvpds, pendingCode }) => ({
    deviceId,
    chosenMvpd,
    knownMvpds,
    pendingCode,
  }),
  restore: (stored, current) => {
    const value = (stored ?? {}) as Partial<Record<keyof DeviceState, unknown>>;
    return {
      ...current,
      deviceId: typeof value.deviceId === 'string' && value.deviceId ? value.deviceId : current.deviceId,
      chosenMvpd: isChosenMvpd(value.chosenMvpd) ? value.chosenMvpd : null,
      knownMvpds: restoreKnown(value.knownMvpds),
      pendingCode: typeof value.pendingCode === 'string' ? value.pendingCode : null,
    };
  },
  writeAtStart: true,
});

export const useDeviceId = () => useDeviceStore((state) => state.deviceId);
export const useChosenMvpd = () => useDeviceStore((state) => state.chosenMvpd);
export const usePendingCode = () => useDeviceStore((state) => state.pendingCode);
export const useKnownMvpds = () => useDeviceStore((state) => state.knownMvpds);
export const useDeviceActions = () => useDeviceStore((state) => state.actions);
/** Read outside React (e.g. when the Pass client is created). */
export const getDeviceId = () => useDeviceStore.getState().deviceId;
