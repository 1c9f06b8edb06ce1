/**
 * Splitting the discovered files into work units that can be linted apart and give, put back together in
 * order, exactly what one `lint()` of everything gives.
 *
 * A unit is a contiguous run of the sorted candidates, and a cut between two candidates is allowed only where
 * nothing in the engine links the two sides:
 * - files of one directory form one app (or one Terraform module), so a directory's files never straddle a cut
 *   (its files need not be adjacent: `a/Procfile`, `a/b/app.json`, `a/heroku.yml` sort that way);
 * - a Dockerfile joins the app of a heroku.yml that builds it, and heroku.yml only names Dockerfiles at or below
 *   its own directory (`dockerfileProcesses` refuses `..` and absolute paths), so a Dockerfile stays with every
 *   heroku.yml in its directory or above it.
 * Within those limits, every unit's findings, apps, failures and notices come in the order of the whole run
 * (the engine orders them by path and by first file), so concatenating units in order reproduces it.
 */
import { dirOf } from '../../engine/paths';
import type { Candidate } from '../../workspace/discover';

/**
 * Contiguous runs of `candidates` (sorted by path, as `discover` returns them) of about `targetSize` files,
 * cut only where allowed. A run is longer when no cut is allowed sooner.
 */
export function splitIntoWorkUnits(candidates: readonly Candidate[], targetSize: number): Candidate[][] {
  const reach = linkedReach(candidates);
  const units: Candidate[][] = [];
  let start = 0;
  let furthest = -1;
  for (let i = 0; i < candidates.length; i++) {
    furthest = Math.max(furthest, reach[i]);
    const canCutAfter = furthest === i;
    if (canCutAfter && (i + 1 - start >= targetSize || i === candidates.length - 1)) {
      units.push(candidates.slice(start, i + 1));
      start = i + 1;
    }
  }
  return units;
}

/** For each candidate, the index of the last candidate that must be in its unit (at least itself). */
function linkedReach(candidates: readonly Candidate[]): number[] {
  const reach = candidates.map((_, i) => i);
  const link = (a: number, b: number) => {
    const [low, high] = a < b ? [a, b] : [b, a];
    reach[low] = Math.max(reach[low], high);
  };
  const firstInDir = new Map<string, number>();
  const herokuYmlInDir = new Map<string, number>();
  for (let i = 0; i < candidates.length; i++) {
    const dir = dirOf(candidates[i].path);
    const first = firstInDir.get(dir);
    if (first === undefined) firstInDir.set(dir, i);
    else link(first, i);
    if (candidates[i].kind === 'heroku.yml') herokuYmlInDir.set(dir, i);
  }
  if (herokuYmlInDir.size === 0) return reach;
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i].kind !== 'dockerfile') continue;
    for (let dir = dirOf(candidates[i].path); ; dir = dirOf(dir)) {
      const manifest = herokuYmlInDir.get(dir);
      if (manifest !== undefined) link(manifest, i);
      if (dir === '') break;
    }
  }
  return reach;
}
