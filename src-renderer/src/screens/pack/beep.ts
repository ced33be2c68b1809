/**
 * Sounds a packer hears without looking: one short high tone for a good scan,
 * three low harsh buzzes for a refusal, a rising pair for a packed order.
 * WebAudio, generated on the fly (no sound files, nothing fetched).
 */
let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    return ctx;
  } catch {
    return null; // no audio device: the screen still says it loudly
  }
}

function tone(freq: number, startS: number, lengthS: number, type: OscillatorType, volume: number): void {
  const a = audio();
  if (!a) return;
  const osc = a.createOscillator();
  const gain = a.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  const t0 = a.currentTime + startS;
  gain.gain.setValueAtTime(volume, t0);
  gain.gain.exponentialRampToValueAtTime(0.0001, t0 + lengthS);
  osc.connect(gain).connect(a.destination);
  osc.start(t0);
  osc.stop(t0 + lengthS + 0.02);
}

export function beepOk(): void {
  tone(1320, 0, 0.09, 'sine', 0.25);
}

export function beepError(): void {
  for (let i = 0; i < 3; i++) tone(180, i * 0.18, 0.14, 'square', 0.35);
}

export function beepDone(): void {
  tone(880, 0, 0.1, 'sine', 0.25);
  tone(1320, 0.12, 0.16, 'sine', 0.25);
}
