/**
 * What streaming platforms' loudness normalisation does to a master: the playback gain, the
 * loudness and true peak it plays at, and whether its true peak leaves too little headroom for
 * lossy encoding. Everything follows from the master's integrated loudness (BS.1770) and true peak.
 *
 * The model, per platform: gain = reference − integrated. A negative gain is always applied
 * (turned down, no distortion). A positive gain depends on the platform:
 * - "never": quiet masters stay as they are (down-only platforms);
 * - "peak-limited": raised only as far as the true peak stays at or below `turnUpCeilingDbtp`;
 * - "limiter": raised fully, a playback limiter catches peaks above `limiterDbfs` (Spotify loud).
 * Gains below ±0.05 dB count as unchanged.
 *
 * Encoding headroom: lossy encoders (Ogg Vorbis, AAC, Opus, MP3) add error that raises peaks
 * after decoding; a master whose true peak sits near 0 dBTP clips when decoded to fixed point.
 * The estimate here follows Spotify's published guidance: leave 1 dB (true peak ≤ −1 dBTP),
 * 2 dB for masters louder than −14 LUFS ("very loud masters with true peaks above −2 dB can
 * introduce distortion during encoding"), i.e. `encodingMarginDb`. The risk is flagged when the
 * encoded master's true peak + margin exceeds 0 dBTP, or, for a boost without a limiter, when the
 * boosted true peak + margin does. The margin is a rule of thumb, not a codec simulation: real
 * overshoot depends on codec, bit rate and material (often 0.5–2 dB, more at low bit rates).
 *
 * What the `search` of published pages confirmed (2024–2026 copies):
 * - Spotify (Spotify for Artists, "Loudness normalization"): normal −14 LUFS (ITU 1770); positive
 *   gain keeps 1 dB of true-peak headroom (their example: −20 LUFS with −5 dBTP is lifted only to
 *   −16 LUFS); loud −11 LUFS regardless of true peak with a limiter at −1 dB (sample values,
 *   5 ms attack, 100 ms decay); quiet −19 LUFS. Confirmed. How far the quiet mode lifts is not
 *   stated; it is modelled like normal mode. "Track not as loud as others?" gives the −2 dB advice.
 * - Apple Music (Sound Check, −16 LUFS): reported by Production Expert (on Apple's announcement and
 *   AES TD1008) and by tool vendors; Apple's own page was not found. How far Sound Check lifts quiet
 *   tracks is not published: modelled as peak-limited at −1 dBTP (an assumption).
 * - YouTube (−14 LUFS, turns loud videos down, does not raise quiet ones): consistent third-party
 *   reports only, no official page found. (YouTube Music reportedly uses −7 LUFS; not modelled.)
 * - TIDAL (−14 LUFS, does not raise quiet tracks): TIDAL's statement quoted by MeterPlugs (2016).
 * - Amazon Music (−14 LUFS): third-party reports only (Amazon publishes −14 LUFS / −2 dBTP only for
 *   Alexa skills). Whether it raises quiet tracks is unconfirmed: modelled as down only.
 * - Deezer (−15 LUFS): third-party reports (Production Expert, vendors). Lifting unconfirmed: down only.
 * - SoundCloud (−14 LUFS): sources conflict (older pages: no normalisation; a recent vendor page:
 *   −14 LUFS). Modelled as −14 LUFS down only; unconfirmed.
 * - Pandora (−14 LUFS): widely listed, no primary source found. Modelled as down only; unconfirmed.
 * References: Spotify for Artists, "Loudness normalization" and "Track not as loud as others?";
 *   AES TD1008 (2021), "Recommendations for loudness of internet audio streaming and on-demand
 *   distribution"; ITU-R BS.1770-4 (2015).
 */
import { signed } from "./format-levels.js";

/** Masters louder than this (integrated, LUFS) need 2 dB of encoding headroom instead of 1 (Spotify). */
export const LOUD_MASTER_LUFS = -14;
/** True-peak headroom (dB) kept for lossy encoding by masters at or below LOUD_MASTER_LUFS. */
export const ENCODING_MARGIN_DB = 1;
/** True-peak headroom (dB) kept for lossy encoding by masters louder than LOUD_MASTER_LUFS. */
export const LOUD_ENCODING_MARGIN_DB = 2;
/** Gains smaller than this (dB, absolute) count as unchanged. */
const UNCHANGED_DB = 0.05;

export type TurnUpPolicy = "never" | "peak-limited" | "limiter";

export interface StreamingPlatform {
  /** Kebab-case identifier, e.g. "spotify" or "spotify-loud". */
  readonly id: string;
  readonly name: string;
  /** The loudness the platform plays tracks at (integrated, LUFS). */
  readonly referenceLufs: number;
  /** How quiet masters are treated. */
  readonly turnUp: TurnUpPolicy;
  /** "peak-limited": the highest true peak a boost may reach, dBTP; otherwise null. */
  readonly turnUpCeilingDbtp: number | null;
  /** "limiter": the level where the playback limiter engages, dBFS; otherwise null. */
  readonly limiterDbfs: number | null;
  /** True when the reference level and the turn-up behaviour were confirmed from the platform itself. */
  readonly confirmed: boolean;
  /** Where the figures come from and what is assumed. */
  readonly source: string;
}

const SPOTIFY_SOURCE = "Spotify for Artists, 'Loudness normalization' (confirmed)";

export const STREAMING_PLATFORMS: readonly StreamingPlatform[] = [
  {
    id: "spotify",
    name: "Spotify (normal)",
    referenceLufs: -14,
    turnUp: "peak-limited",
    turnUpCeilingDbtp: -1,
    limiterDbfs: null,
    confirmed: true,
    source: `${SPOTIFY_SOURCE}: −14 LUFS, quiet tracks lifted only while the true peak stays ≤ −1 dBTP`,
  },
  {
    id: "spotify-loud",
    name: "Spotify (loud)",
    referenceLufs: -11,
    turnUp: "limiter",
    turnUpCeilingDbtp: null,
    limiterDbfs: -1,
    confirmed: true,
    source: `${SPOTIFY_SOURCE}: −11 LUFS regardless of true peak, limiter at −1 dB (5 ms attack, 100 ms decay)`,
  },
  {
    id: "spotify-quiet",
    name: "Spotify (quiet)",
    referenceLufs: -19,
    turnUp: "peak-limited",
    turnUpCeilingDbtp: -1,
    limiterDbfs: null,
    confirmed: false,
    source: `${SPOTIFY_SOURCE}: −19 LUFS; lifting is not described and is assumed to match normal mode`,
  },
  {
    id: "apple-music",
    name: "Apple Music (Sound Check)",
    referenceLufs: -16,
    turnUp: "peak-limited",
    turnUpCeilingDbtp: -1,
    limiterDbfs: null,
    confirmed: false,
    source:
      "Production Expert on Apple's −16 LUFS Sound Check level (after AES TD1008); lifting limited by peak headroom, ceiling −1 dBTP assumed",
  },
  {
    id: "youtube",
    name: "YouTube",
    referenceLufs: -14,
    turnUp: "never",
    turnUpCeilingDbtp: null,
    limiterDbfs: null,
    confirmed: false,
    source: "Consistent third-party reports: −14 LUFS, loud uploads turned down, quiet ones not raised",
  },
  {
    id: "tidal",
    name: "TIDAL",
    referenceLufs: -14,
    turnUp: "never",
    turnUpCeilingDbtp: null,
    limiterDbfs: null,
    confirmed: false,
    source: "TIDAL as quoted by MeterPlugs (2016): BS.1770, −14 LUFS, quiet tracks not raised",
  },
  {
    id: "amazon-music",
    name: "Amazon Music",
    referenceLufs: -14,
    turnUp: "never",
    turnUpCeilingDbtp: null,
    limiterDbfs: null,
    confirmed: false,
    source: "Third-party reports: −14 LUFS (−2 dBTP advised); lifting unconfirmed, modelled as down only",
  },
  {
    id: "deezer",
    name: "Deezer",
    referenceLufs: -15,
    turnUp: "never",
    turnUpCeilingDbtp: null,
    limiterDbfs: null,
    confirmed: false,
    source: "Third-party reports (Production Expert): −15 LUFS; lifting unconfirmed, modelled as down only",
  },
  {
    id: "soundcloud",
    name: "SoundCloud",
    referenceLufs: -14,
    turnUp: "never",
    turnUpCeilingDbtp: null,
    limiterDbfs: null,
    confirmed: false,
    source: "Sources conflict (none vs −14 LUFS); modelled as −14 LUFS, down only",
  },
  {
    id: "pandora",
    name: "Pandora",
    referenceLufs: -14,
    turnUp: "never",
    turnUpCeilingDbtp: null,
    limiterDbfs: null,
    confirmed: false,
    source: "Commonly listed as −14 LUFS; no primary source found; modelled as down only",
  },
];

export type PlaybackAction = "turned-down" | "turned-up" | "unchanged" | "unknown";

export interface PlatformPlayback {
  readonly platformId: string;
  readonly platformName: string;
  readonly referenceLufs: number;
  readonly action: PlaybackAction;
  /** Playback gain in dB (negative: turned down); null when the loudness is unknown. */
  readonly gainDb: number | null;
  readonly playbackLufs: number | null;
  /** True peak after the gain (and after the playback limiter, where there is one), dBTP. */
  readonly playbackTruePeakDbtp: number | null;
  /** What kept a boost from its full amount or its peaks down; null when nothing did. */
  readonly limitedBy: "peak-headroom" | "limiter" | null;
  /** Headroom the encoding estimate requires, dB (1, or 2 for masters louder than −14 LUFS). */
  readonly encodingMarginDb: number;
  /** True peak + margin above 0 dBTP after encoding; null when the true peak is unknown. */
  readonly clipRiskAfterEncoding: boolean | null;
}

/** The encoding headroom (dB) a master of this loudness needs: 2 above −14 LUFS, else 1. */
export function encodingMarginDb(integratedLufs: number | null): number {
  return integratedLufs !== null && integratedLufs > LOUD_MASTER_LUFS ? LOUD_ENCODING_MARGIN_DB : ENCODING_MARGIN_DB;
}

/** The platform whose id is `id`; throws, listing the ids, for an unknown one. */
export function findStreamingPlatform(id: string): StreamingPlatform {
  const wanted = id.trim().toLowerCase();
  const platform = STREAMING_PLATFORMS.find((candidate) => candidate.id === wanted);
  if (platform) return platform;
  const ids = STREAMING_PLATFORMS.map((candidate) => candidate.id).join(", ");
  throw new RangeError(`findStreamingPlatform: unknown platform "${id}"; expected one of ${ids}`);
}

/** The clause for a master whose true peak leaves the lossy encoder too little headroom. */
export function encodingClipRisk(marginDb: number): string {
  return `clip risk after encoding: the lossy encode may overshoot (needs ${marginDb.toFixed(0)} dB true-peak headroom)`;
}

/** What `platform` does to a master of this integrated loudness and true peak. */
export function platformPlayback(
  integratedLufs: number | null,
  truePeakDbtp: number | null,
  platform: StreamingPlatform,
): PlatformPlayback {
  const loudness = finiteOrNull(integratedLufs);
  const truePeak = finiteOrNull(truePeakDbtp);
  const marginDb = encodingMarginDb(loudness);
  const base = { platformId: platform.id, platformName: platform.name, referenceLufs: platform.referenceLufs };
  const masterRisk = truePeak === null ? null : truePeak + marginDb > 0;
  const unknown: PlatformPlayback = {
    ...base,
    action: "unknown",
    gainDb: null,
    playbackLufs: null,
    playbackTruePeakDbtp: null,
    limitedBy: null,
    encodingMarginDb: marginDb,
    clipRiskAfterEncoding: masterRisk,
  };
  if (loudness === null) return unknown;

  const wantedGainDb = platform.referenceLufs - loudness;
  let gainDb = wantedGainDb;
  let limitedBy: PlatformPlayback["limitedBy"] = null;
  if (wantedGainDb > 0 && platform.turnUp === "never") gainDb = 0;
  if (wantedGainDb > 0 && platform.turnUp === "peak-limited") {
    if (truePeak === null) return unknown;
    const headroomDb = Math.max(0, (platform.turnUpCeilingDbtp ?? 0) - truePeak);
    gainDb = Math.min(wantedGainDb, headroomDb);
    if (gainDb < wantedGainDb) limitedBy = "peak-headroom";
  }
  let playbackTruePeakDbtp = truePeak === null ? null : truePeak + gainDb;
  if (platform.turnUp === "limiter" && gainDb > 0 && playbackTruePeakDbtp !== null && platform.limiterDbfs !== null) {
    if (playbackTruePeakDbtp > platform.limiterDbfs) limitedBy = "limiter";
    playbackTruePeakDbtp = Math.min(playbackTruePeakDbtp, platform.limiterDbfs);
  }
  const action: PlaybackAction =
    Math.abs(gainDb) < UNCHANGED_DB ? "unchanged" : gainDb < 0 ? "turned-down" : "turned-up";
  // A boost without a limiter raises the decoded overshoot with it.
  const boostRisk =
    gainDb > 0 && platform.turnUp !== "limiter" && playbackTruePeakDbtp !== null
      ? playbackTruePeakDbtp + marginDb > 0
      : false;
  return {
    ...base,
    action,
    gainDb,
    playbackLufs: loudness + gainDb,
    playbackTruePeakDbtp,
    limitedBy,
    encodingMarginDb: marginDb,
    clipRiskAfterEncoding: masterRisk === null ? null : masterRisk || boostRisk,
  };
}

/** One line for people: "Spotify (normal): turned down by 6.0 dB to −14.0 LUFS, true peak −6.2 dBTP". */
/** One readable line; `withClipRisk: false` leaves out the encoding clause (said once elsewhere). */
export function describePlayback(playback: PlatformPlayback, withClipRisk = true): string {
  const { platformName, gainDb, playbackLufs, playbackTruePeakDbtp } = playback;
  if (playback.action === "unknown" || gainDb === null || playbackLufs === null) {
    return `${platformName}: cannot tell (no integrated loudness or true peak)`;
  }
  const level = `${signed(playbackLufs)} LUFS`;
  const how =
    playback.action === "unchanged"
      ? `plays unchanged at ${level}`
      : `${playback.action === "turned-down" ? "turned down" : "turned up"} by ${Math.abs(gainDb).toFixed(1)} dB to ${level}`;
  const peak = playbackTruePeakDbtp === null ? "" : `, true peak ${signed(playbackTruePeakDbtp)} dBTP`;
  const held =
    playback.limitedBy === "peak-headroom"
      ? " (held back by peak headroom)"
      : playback.limitedBy === "limiter"
        ? " (playback limiter engaged)"
        : "";
  const clip =
    withClipRisk && playback.clipRiskAfterEncoding === true ? `; ${encodingClipRisk(playback.encodingMarginDb)}` : "";
  return `${platformName}: ${how}${peak}${held}${clip}`;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
