package dev.lifecycle.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * The installed id a user most likely meant when naming one that is not installed, for the "did you mean" of an
 * error. Called only while an error is being built, never on the engine's normal paths.
 */
public final class Misspellings {

    private Misspellings() {
    }

    /**
     * The candidate closest to {@code id} by edit distance, if it is close enough to be a misspelling of it.
     *
     * <p>The distance counts the characters inserted, deleted or replaced and the adjacent characters swapped
     * ({@code databse} is one from {@code database}), ignoring case. A candidate is close enough when its distance is
     * at most a third of {@code id}'s length (at least 1) and less than that length: {@code db} suggests {@code dbx},
     * {@code x} suggests nothing. Of two candidates at the same distance, the first in alphabetical order wins, so the
     * answer does not depend on the candidates' order. Candidates whose length differs from {@code id}'s by more than
     * the allowed distance are passed over without comparing them, so a very long {@code id} costs little.
     *
     * @param id the id that was named
     * @param candidates the ids to choose from (the installed ones); {@code id} itself among them is ignored
     * @return the closest candidate, or {@code null} if none is close enough
     */
    public static @Nullable String closest(String id, Iterable<String> candidates) {
        int allowed = Math.min(Math.max(1, id.length() / 3), id.length() - 1);
        String best = null;
        int bestDistance = allowed;
        for (String candidate : candidates) {
            if (candidate.equals(id) || Math.abs(candidate.length() - id.length()) > bestDistance) {
                continue;
            }
            int distance = distance(id, candidate, bestDistance);
            if (distance < bestDistance
                    || (distance == bestDistance && (best == null || candidate.compareTo(best) < 0))) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * The optimal string alignment distance of {@code a} and {@code b} ignoring case, or {@code limit + 1} as soon as
     * it is known to exceed {@code limit}.
     */
    private static int distance(String a, String b, int limit) {
        int[] beforePrevious = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMinimum = i;
            char ca = Character.toLowerCase(a.charAt(i - 1));
            for (int j = 1; j <= b.length(); j++) {
                char cb = Character.toLowerCase(b.charAt(j - 1));
                int cost = ca == cb ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ca == Character.toLowerCase(b.charAt(j - 2))
                        && Character.toLowerCase(a.charAt(i - 2)) == cb) {
                    d = Math.min(d, beforePrevious[j - 2] + 1);
                }
                current[j] = d;
                rowMinimum = Math.min(rowMinimum, d);
            }
            if (rowMinimum > limit) {
                return limit + 1;
            }
            int[] recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return Math.min(previous[b.length()], limit + 1);
    }
}
