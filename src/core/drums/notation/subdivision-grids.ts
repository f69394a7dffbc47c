/**
 * The candidate grids a beat can be quantised to, and what a hit costs on each. A grid is a
 * set of slots in the beat (0 … 1, where 1 is the next beat) with a complexity cost; a hit
 * costs the squared timing error to its nearest slot over 2σ² (a Gaussian likelihood, in
 * seconds so that tolerance does not shrink at slow tempi), capped so that one stray hit
 * weighs like a 3σ miss at most. Grid cost + hit costs is −log posterior up to a constant.
 * A grid finer than `minSlotSeconds` at the beat's tempo is ruled out.
 * Simple metres (x/4): quarters, 8ths, 16ths, 32nds; triplet 8ths and 16ths; swung 8ths.
 * Compound metres (6/8, 12/8): eighths (thirds of the beat), 16ths, 32nds; duplets and
 * their halves. Coarser grids cost less, so a finer grid wins only on timing evidence.
 * Reference: Cemgil, Desain & Kappen (2000), "Rhythm quantization for transcription",
 *   CMJ 24(2) (grid prior favouring simple subdivisions × Gaussian onset deviation).
 */
import { type BeatSubdivision, TICKS_PER_BEAT } from "./drum-score.js";

export interface SubdivisionGrid {
  readonly name: string;
  readonly subdivision: BeatSubdivision;
  /** Slot positions in the beat, ascending, first 0 and last 1 (the next beat). */
  readonly slots: Float64Array;
  /** Written tick of each slot in the beat (0 … TICKS_PER_BEAT); a swung off-beat is written as 24. */
  readonly slotTicks: Int32Array;
  /** Complexity cost (− log prior) charged once per beat quantised to this grid. */
  readonly gridCost: number;
  /** Smallest distance between two slots, as a fraction of the beat. */
  readonly smallestStep: number;
}

export interface GridCostOptions {
  /** Standard deviation of the timing error of a transcribed hit, seconds. */
  readonly timingSigmaSeconds: number;
  /** Largest cost one hit adds (4.5 = a 3σ miss). */
  readonly hitCostCap: number;
  /**
   * Grids whose slots are closer than this (seconds) are not used: faster notes are flams,
   * drags or rolls rather than written rhythm (with 0.06 s: 32nds up to 125 BPM, triplet 16ths up to 166 BPM).
   */
  readonly minSlotSeconds: number;
}

export const GRID_COST_DEFAULTS: GridCostOptions = { timingSigmaSeconds: 0.02, hitCostCap: 4.5, minSlotSeconds: 0.06 };

function uniformGrid(name: string, subdivision: BeatSubdivision, divisions: number, gridCost: number): SubdivisionGrid {
  const slots = new Float64Array(divisions + 1);
  const slotTicks = new Int32Array(divisions + 1);
  for (let slot = 0; slot <= divisions; slot++) {
    slots[slot] = slot / divisions;
    slotTicks[slot] = (slot * TICKS_PER_BEAT) / divisions;
  }
  return { name, subdivision, slots, slotTicks, gridCost, smallestStep: 1 / divisions };
}

/** Swung 8ths: the off-beat sounds at `swingFraction` of the beat and is written on the half beat. */
export function swingGrid(swingFraction: number, gridCost = 1.0): SubdivisionGrid {
  return {
    name: "swung 8ths",
    subdivision: "swing",
    slots: Float64Array.of(0, swingFraction, 1),
    slotTicks: Int32Array.of(0, TICKS_PER_BEAT / 2, TICKS_PER_BEAT),
    gridCost,
    smallestStep: Math.min(swingFraction, 1 - swingFraction),
  };
}

/**
 * The grids of a metre, grouped by subdivision (each group has its own whole-beat grid,
 * so a beat with hits on the beat only costs nothing in any group). The first group is
 * the metre's natural division.
 */
export function subdivisionGrids(compound: boolean, swingFraction: number | null): SubdivisionGrid[][] {
  if (compound) {
    return [
      [
        uniformGrid("beats", "triplet", 1, 0),
        uniformGrid("8ths", "triplet", 3, 0.5),
        uniformGrid("16ths", "triplet", 6, 1),
        uniformGrid("32nds", "triplet", 12, 3),
      ],
      [
        uniformGrid("beats", "straight", 1, 0),
        uniformGrid("duplets", "straight", 2, 1.3),
        uniformGrid("quadruplets", "straight", 4, 3),
      ],
    ];
  }
  const groups: SubdivisionGrid[][] = [
    [
      uniformGrid("beats", "straight", 1, 0),
      uniformGrid("8ths", "straight", 2, 0.5),
      uniformGrid("16ths", "straight", 4, 1),
      uniformGrid("32nds", "straight", 8, 3.5),
    ],
    [
      uniformGrid("beats", "triplet", 1, 0),
      uniformGrid("triplet 8ths", "triplet", 3, 1.3),
      uniformGrid("triplet 16ths", "triplet", 6, 3.5),
    ],
  ];
  if (swingFraction !== null) groups.push([uniformGrid("beats", "swing", 1, 0), swingGrid(swingFraction)]);
  return groups;
}

/** Index of the slot of `grid` nearest to `fraction` (0 ≤ fraction < 1). */
export function nearestSlot(grid: SubdivisionGrid, fraction: number): number {
  const slots = grid.slots;
  let best = 0;
  let bestDistance = Math.abs(fraction - slots[0]!);
  for (let slot = 1; slot < slots.length; slot++) {
    const distance = Math.abs(fraction - slots[slot]!);
    if (distance < bestDistance) {
      best = slot;
      bestDistance = distance;
    }
  }
  return best;
}

/** What one hit at `fraction` of a beat lasting `periodSeconds` costs on `grid`. */
export function hitCost(
  grid: SubdivisionGrid,
  fraction: number,
  periodSeconds: number,
  options: GridCostOptions = GRID_COST_DEFAULTS,
): number {
  const errorSeconds = (fraction - grid.slots[nearestSlot(grid, fraction)]!) * periodSeconds;
  const cost = (errorSeconds * errorSeconds) / (2 * options.timingSigmaSeconds * options.timingSigmaSeconds);
  return Math.min(cost, options.hitCostCap);
}
