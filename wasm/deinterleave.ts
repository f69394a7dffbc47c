// AssemblyScript source of the decoder's de-interleaving of float PCM (src/io/ffmpeg-decoder.ts,
// the loop of src/io/pcm-deinterleave.ts for pcm_f32le): frame f's sample of channel c goes to
// planar[c][f]. A copy, so every sample keeps its bits; stereo moves four frames per pair of
// v128 loads (two shuffles), other channel counts go sample by sample.

/**
 * planar[c][f] = interleaved[f·channels + c] for f < frames, c < channels; `outputs` holds the
 * channels' addresses (i32 each).
 */
export function deinterleaveFloats(interleaved: usize, channels: i32, frames: i32, outputs: usize): void {
  if (channels === 2) {
    const left = <usize>load<i32>(outputs);
    const right = <usize>load<i32>(outputs, 4);
    let f: i32 = 0;
    for (; f + 4 <= frames; f += 4) {
      const at = interleaved + ((<usize>f) << 3);
      const low = v128.load(at);
      const high = v128.load(at, 16);
      v128.store(left + ((<usize>f) << 2), v128.shuffle<i32>(low, high, 0, 2, 4, 6));
      v128.store(right + ((<usize>f) << 2), v128.shuffle<i32>(low, high, 1, 3, 5, 7));
    }
    for (; f < frames; f++) {
      store<i32>(left + ((<usize>f) << 2), load<i32>(interleaved + ((<usize>f) << 3)));
      store<i32>(right + ((<usize>f) << 2), load<i32>(interleaved + ((<usize>f) << 3), 4));
    }
    return;
  }
  for (let c: i32 = 0; c < channels; c++) {
    const out = <usize>load<i32>(outputs + ((<usize>c) << 2));
    const stride = (<usize>channels) << 2;
    let from = interleaved + ((<usize>c) << 2);
    for (let f: i32 = 0; f < frames; f++, from += stride) store<i32>(out + ((<usize>f) << 2), load<i32>(from));
  }
}
