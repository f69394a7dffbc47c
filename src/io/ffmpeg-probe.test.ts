import { describe, expect, it } from "vitest";
import { parseFfmpegInputReport } from "./ffmpeg-probe.js";

// Captured from ffmpeg 4.1 (2018 static build) and 5.1 (Debian 12).
const M4A_41 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 's.m4a':
  Metadata:
    major_brand     : M4A
  Duration: 00:00:03.02, start: 0.000000, bitrate: 130 kb/s
    Stream #0:0(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 127 kb/s (default)
At least one output file must be specified`;

const M4A_51 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 's.m4a':
  Duration: 00:00:03.02, start: 0.000000, bitrate: 130 kb/s
  Stream #0:0[0x1](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 127 kb/s (default)
At least one output file must be specified`;

const CAF = `[caf @ 0x27a3eb00] Estimating duration from bitrate, this may be inaccurate
Input #0, caf, from 's.caf':
  Duration: 00:00:03.00, start: 0.000000, bitrate: 1411 kb/s
    Stream #0:0: Audio: pcm_s16be (lpcm / 0x6D63706C), 44100 Hz, stereo, s16, 1411 kb/s`;

const FLAC_51 = `Input #0, flac, from 'surround.flac':
  Duration: 01:02:03.50, start: 0.000000, bitrate: 2117 kb/s
  Stream #0:0: Audio: flac, 96000 Hz, 5.1(side), s32 (24 bit)`;

const VIDEO_ONLY = `Input #0, matroska,webm, from 'v.mkv':
  Duration: 00:00:01.00, start: 0.000000, bitrate: 386 kb/s
    Stream #0:0: Video: mpeg4 (Simple Profile), yuv420p, 320x240 [SAR 1:1 DAR 4:3], 25 fps, 25 tbr, 1k tbn, 25 tbc (default)`;

const NO_DURATION = `Input #0, ogg, from 'pipe.ogg':
  Duration: N/A, start: 0.000000, bitrate: N/A
    Stream #0:0: Audio: opus, 48000 Hz, 3 channels, fltp`;

describe("parseFfmpegInputReport", () => {
  it.each([
    ["ffmpeg 4.1", M4A_41],
    ["ffmpeg 5.1", M4A_51],
  ])("reads an M4A report from %s", (_version, stderr) => {
    expect(parseFfmpegInputReport(stderr)).toEqual({
      container: "mov",
      durationSeconds: 3.02,
      bitRate: 130000,
      audio: { codec: "aac", sampleRate: 44100, channels: 2, bitsPerSample: 32, bitRate: 127000 },
    });
  });

  it("reads PCM bit depth from the codec name", () => {
    expect(parseFfmpegInputReport(CAF).audio).toMatchObject({ codec: "pcm_s16be", bitsPerSample: 16, channels: 2 });
  });

  it("reads hours, 5.1 layouts and '(24 bit)' sample formats", () => {
    const report = parseFfmpegInputReport(FLAC_51);
    expect(report.durationSeconds).toBeCloseTo(3723.5, 6);
    expect(report.audio).toMatchObject({ codec: "flac", sampleRate: 96000, channels: 6, bitsPerSample: 24 });
  });

  it("reports no audio for a video-only file", () => {
    expect(parseFfmpegInputReport(VIDEO_ONLY)).toMatchObject({ container: "matroska", audio: null });
  });

  it("reads 'N channels' and unknown durations", () => {
    const report = parseFfmpegInputReport(NO_DURATION);
    expect(report.durationSeconds).toBeNull();
    expect(report.audio).toMatchObject({ codec: "opus", channels: 3, sampleRate: 48000 });
  });

  it("finds nothing in an error", () => {
    expect(parseFfmpegInputReport("r.bin: Invalid data found when processing input")).toEqual({
      container: null,
      durationSeconds: null,
      audio: null,
    });
  });
});
