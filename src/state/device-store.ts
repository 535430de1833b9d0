import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

/**
 * Client state only: the stable per-install device id (sent as AP-Device-Identifier), the MVPD the
 * viewer chose, and the authentication code in progress. Server state lives in React Query.
 */
interface DeviceState {
  deviceId: string;
  chosenMvpd: { id: string; displayName: string; logoUrl: string } | null;
  pendingCode: string | null;
  actions: {
    mvpdChosen(mvpd: { id: string; displayName: string; logoUrl: string } | null): void;
    codeIssued(code: string | null): void;
    signedOut(): void;
  };
}

function newDeviceId(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`
  );
}

const useDeviceStore = create<DeviceState>()(
  persist(
    (set) => ({
      deviceId: newDeviceId(),
      chosenMvpd: null,
      pendingCode: null,
      actions: {
        mvpdChosen: (mvpd) => set({ chosenMvpd: mvpd }),
        codeIssued: (code) => set({ pendingCode: code }),
        signedOut: () => set({ chosenMvpd: null, pendingCode: null }),
      },
    }),
    {
      name: 'passref.device',
      storage: createJSONStorage(() => localStorage),
      partialize: ({ deviceId, chosenMvpd, pendingCode }) => ({ deviceId, chosenMvpd, pendingCode }),
    },
  ),
);

// persist() writes only when state changes: store a freshly generated device id at once, so a reload
// (or a second-screen page that never changes state) keeps the same AP-Device-Identifier.
useDeviceStore.setState((state) => state);

export const useDeviceId = () => useDeviceStore((state) => state.deviceId);
export const useChosenMvpd = () => useDeviceStore((state) => state.chosenMvpd);
export const usePendingCode = () => useDeviceStore((state) => state.pendingCode);
export const useDeviceActions = () => useDeviceStore((state) => state.actions);
/** Read outside React (e.g. when the Pass client is created). */
export const getDeviceId = () => useDeviceStore.getState().deviceId;
