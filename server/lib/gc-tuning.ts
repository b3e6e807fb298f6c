import { setFlagsFromString } from 'node:v8';

/*
 * Imported first by the command line, before the server's modules load.
 *
 * V8's allocation-site pretenuring watches whether the objects made by each object or array
 * literal survive a young-generation collection; once most from one site do, it allocates all
 * later ones straight in the old generation, which only a full collection empties. Parley's
 * batch work keeps its rows alive while the batch is in hand (a contact import's CSV rows, an
 * outbox batch's rows and views), so those sites get pretenured, and from then on every row
 * of every batch is old-generation garbage: a 100,000-row import grew the process by 30 to
 * 105 MB depending on when the full collections fell. Without pretenuring those rows die
 * young, as they should: 24 to 34 MB in every run, the import no slower, and the CPU per
 * created message unchanged.
 */
setFlagsFromString('--no-allocation-site-pretenuring');
