/**
 * What a library scan needs from storage (implemented by src/store/library-repository.ts on
 * SQLite or PostgreSQL, and by an in-memory catalogue in tests). A scan reads the known
 * tracks under its root once and saves all it found in one transaction, so an interrupted
 * scan changes nothing and the next one starts over from the same state.
 */
import type { AlbumGroup, GroupableTrack } from "./group-albums.js";
import type { ScannedTrack, TrackFileState } from "./library-track.js";

export interface KnownTrack extends TrackFileState, GroupableTrack {
  /** The album the last scan put it in. */
  readonly albumId: string | null;
}

export interface TrackMove {
  readonly from: string;
  readonly to: TrackFileState;
}

export interface ScanChanges {
  /** New files and files whose content changed (matched by path). */
  readonly upserts: readonly ScannedTrack[];
  /** Same content, new modification time: only the file state changes. */
  readonly touched: readonly TrackFileState[];
  /** Files found under a new path with the content of a vanished one: same track, new place. */
  readonly moves: readonly TrackMove[];
  /** Paths of tracks that are gone. */
  readonly removals: readonly string[];
  /** Every album under the root after the scan (the catalogue replaces the root's albums). */
  readonly albums: readonly AlbumGroup[];
}

export interface LibraryCatalogue {
  /** The tracks whose path lies under `root` (an absolute folder path). */
  tracksUnder(root: string): Promise<KnownTrack[]>;
  /** Applies one scan's changes under `root` atomically. */
  saveScan(root: string, changes: ScanChanges): Promise<void>;
}
