// The release bar under the header: which data release every answer on the page comes from (name, cut time,
// log position), and for a researcher a picker of the published releases or a date; a school's view is live.
import { getJson, releaseChoice, setReleaseChoice } from './api.js';
import { h, instant, positionText, releaseText, sourceLine } from './format.js';

/**
 * Shows the release bar for the route's choice (params.release or params.asOf) and makes it the choice every
 * question of the page is sent with. choose(choice) is called with the researcher's new choice.
 */
export async function showReleaseBar(bar, params, context, choose) {
    bar.hidden = false;
    bar.replaceChildren(h('span', { class: 'loading' }, 'Finding the data release…'));
    const base = await context.overview();
    if (base.release?.live) {
        // A school is answered from its own data, live; it has no release to pick.
        setReleaseChoice({});
        bar.replaceChildren(h('p', { 'data-testid': 'release-label' }, h('strong', {}, 'Live'), ' · ',
            sourceLine(base.release)));
        return;
    }
    setReleaseChoice({ release: params.release, asOf: params.asOf });
    let refused = null;
    const [releases, chosen] = await Promise.all([
        context.releases(),
        Object.keys(releaseChoice()).length
            ? getJson('overview').then(o => o.release, error => { refused = error; return null; })
            : Promise.resolve(base.release),
    ]);
    const picker = h('select', { id: 'release-picker', name: 'release', 'data-testid': 'release-picker' },
        h('option', { value: '', selected: !params.release }, `Latest (${base.release?.name ?? 'none yet'})`),
        [...releases].reverse().map(r => h('option', { value: r.name, selected: r.name === params.release },
            `${r.name} — cut ${instant(r.cutAt)}`)));
    const asOf = h('input', { id: 'release-as-of', name: 'asOf', type: 'date', value: params.asOf || '' });
    picker.addEventListener('change', () => choose(picker.value ? { release: picker.value } : {}));
    asOf.addEventListener('change', () => choose(asOf.value ? { asOf: asOf.value } : {}));
    bar.replaceChildren(
        refused
            ? h('p', { 'data-testid': 'release-label' }, h('strong', {}, 'No answer from that choice: '),
                refused.describe ? refused.describe() : refused.message, ' Pick another release, or the latest.')
            : h('p', { 'data-testid': 'release-label' }, h('strong', {}, 'Answers from ' + releaseText(chosen)),
                h('span', { class: 'hint' }, ` · log position ${positionText(chosen?.logPosition)}`),
                params.asOf ? h('span', { class: 'hint' }, ` · the last release cut by the end of ${params.asOf} (UTC)`) : null),
        h('form', { class: 'release-picker', 'aria-label': 'Data release', onsubmit: e => e.preventDefault() },
            h('label', { for: 'release-picker' }, 'Data release', picker),
            h('label', { for: 'release-as-of' }, 'or as of date', asOf),
            h('button', { type: 'button', onclick: () => choose({}) }, 'Latest')));
    if (refused) {
        throw refused;
    }
}
