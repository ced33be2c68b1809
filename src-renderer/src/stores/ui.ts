import { create } from 'zustand';

/** Small bits of screen state that several components toggle. */
interface UiState {
  keyboardHelp: boolean;
  toggleKeyboardHelp(open?: boolean): void;
}

export const useUi = create<UiState>()((set, get) => ({
  keyboardHelp: false,
  toggleKeyboardHelp(open) {
    set({ keyboardHelp: open ?? !get().keyboardHelp });
  },
}));
