/**
 * Functional names for labelled sections (intro, verse, chorus, bridge, outro,
 * instrumental), inferred from repetition, position and energy, following the
 * conventions of popular song form:
 *   - repetition: sections whose material returns (a repetition label used ≥ 2 times) are
 *     the song's verses and choruses; a passage heard once is an intro, outro, bridge or
 *     instrumental break;
 *   - energy: of the repeated labels, the chorus is the loudest (arrangements build into
 *     the chorus); when the two loudest are within `energyToleranceDb`, the one repeated
 *     more often, then the one that first appears later (verses come first). Every other
 *     repeated label is a verse;
 *   - position: a non-repeated first section is the intro, a non-repeated last section the
 *     outro; non-repeated sections in between are bridges when they come after the first
 *     chorus (the classic verse–chorus–verse–chorus–bridge–chorus form), instrumental
 *     otherwise (e.g. a break between verses); only the last of several such middle sections
 *     after the chorus is the bridge, the others instrumental.
 *   - without any repetition (through-composed music, or one section) every section is
 *     a verse, except a first and last of several, which are intro and outro.
 * Reference: Paulus, Müller & Klapuri (2010), "Audio-based music structure analysis",
 *   ISMIR, section 2 (musical form and its labels); Maddage et al. (2004), "Content-based
 *   music structure analysis with applications to music semantics understanding", ACM MM
 *   (chorus as the repeated, most energetic section).
 */

export type SectionName = "intro" | "verse" | "chorus" | "bridge" | "outro" | "instrumental";

export interface NameSectionsOptions {
  /** Repeated labels whose mean levels differ by less than this tie on energy, dB; ≥ 0. */
  readonly energyToleranceDb: number;
}

export const NAME_SECTIONS_DEFAULTS: NameSectionsOptions = { energyToleranceDb: 1 };

export interface NamedSectionInput {
  /** Repetition cluster (label index). */
  readonly cluster: number;
  /** Mean level of the section, dB. */
  readonly energyDb: number;
}

export function nameSections(
  sections: readonly NamedSectionInput[],
  options: Partial<NameSectionsOptions> = {},
): SectionName[] {
  const { energyToleranceDb } = { ...NAME_SECTIONS_DEFAULTS, ...options };
  const count = sections.length;
  const occurrences = new Map<number, { count: number; energy: number; first: number }>();
  sections.forEach((section, index) => {
    const entry = occurrences.get(section.cluster) ?? { count: 0, energy: 0, first: index };
    entry.count++;
    entry.energy += Number.isFinite(section.energyDb) ? section.energyDb : 0;
    occurrences.set(section.cluster, entry);
  });
  const repeated = [...occurrences].filter(([, entry]) => entry.count >= 2);
  const names: SectionName[] = new Array<SectionName>(count).fill("verse");
  if (repeated.length === 0) {
    if (count >= 2) {
      names[0] = "intro";
      names[count - 1] = "outro";
    }
    return names;
  }
  const ranked = repeated
    .map(([cluster, entry]) => ({
      cluster,
      energy: entry.energy / entry.count,
      count: entry.count,
      first: entry.first,
    }))
    .sort((a, b) => b.energy - a.energy);
  let chorus = ranked[0]!;
  for (const candidate of ranked.slice(1)) {
    if (chorus.energy - candidate.energy >= energyToleranceDb) break;
    if (candidate.count > chorus.count || (candidate.count === chorus.count && candidate.first > chorus.first)) {
      chorus = candidate;
    }
  }
  const isRepeated = (index: number) => (occurrences.get(sections[index]!.cluster)?.count ?? 0) >= 2;
  let lastMiddleAfterChorus = -1;
  for (let index = 0; index < count; index++) {
    if (isRepeated(index)) {
      names[index] = sections[index]!.cluster === chorus.cluster ? "chorus" : "verse";
      continue;
    }
    if (index === 0) names[index] = "intro";
    else if (index === count - 1) names[index] = "outro";
    else {
      names[index] = "instrumental";
      if (index > chorus.first) lastMiddleAfterChorus = index;
    }
  }
  if (lastMiddleAfterChorus >= 0) names[lastMiddleAfterChorus] = "bridge";
  return names;
}
