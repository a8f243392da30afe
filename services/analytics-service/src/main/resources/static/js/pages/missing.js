// What keeps a school's units out of the analysis, per programme and group, and what would bring each in
// (GET /institutions/{id}/missing). A section of the school page; a school key sees its own institution only.
import { getJson } from '../api.js';
import { dataTable } from '../charts.js';
import { h } from '../format.js';

const REASONS = {
    'missing-from': 'Members without the first response',
    'missing-to': 'Members waiting for the second response',
    'below-threshold': 'Below the minimum cell size',
    secondary: 'Hidden with a smaller unit',
    'incomplete-register': 'Sessions whose register leaves members out',
    'not-yet-released': 'Not in a data release yet',
    'held-back': 'Held back by the last release',
};

/**
 * Appends the section to the school page's results. questions: the [instrument, scale] pairs the school has
 * outcomes for; the first is asked first.
 */
export function missingSection(results, institutionId, questions) {
    if (!questions.length) {
        return;
    }
    const picker = h('select', { id: 'missing-question', name: 'missing-question' },
        questions.map(([instrument, scale], i) => h('option', { value: i }, `${instrument} · ${scale} (BASELINE → POST)`)));
    const body = h('div', { 'data-testid': 'missing-results', 'aria-live': 'polite' });
    const section = h('section', { class: 'missing', 'aria-labelledby': 'missing-title', 'data-testid': 'missing' },
        h('h2', { id: 'missing-title' }, 'What keeps units out of the analysis'),
        h('p', {}, 'Per programme and group: what keeps each unit out of researchers\' analysis (the latest data '
            + 'release), or makes it smaller, and what would bring it in. Members are counted, never named.'),
        h('form', { class: 'controls', 'aria-label': 'Question' }, h('label', { for: 'missing-question' }, 'Instrument and scale', picker)),
        body);
    results.append(section);
    const load = async () => {
        const [instrument, scale] = questions[Number(picker.value) || 0];
        body.setAttribute('aria-busy', 'true');
        body.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
        try {
            show(body, await getJson(`institutions/${encodeURIComponent(institutionId)}/missing`, { instrument, scale }));
        } catch (error) {
            body.replaceChildren(h('p', { class: 'error', role: 'alert' }, `Could not load what is missing: ${error.message || error}`));
        } finally {
            body.removeAttribute('aria-busy');
        }
    };
    picker.addEventListener('change', load);
    return load();
}

function show(body, answer) {
    const rows = [];
    for (const p of answer.programmes || []) {
        rows.push({ ...p, unit: `Programme ${p.programmeId}`, kind: 'programme', _class: 'programme' });
        for (const g of p.groups || []) {
            rows.push({ ...g, unit: `Group ${g.groupId}`, kind: 'group' });
        }
    }
    const gaps = r => (r.gaps || []);
    const released = answer.lastRelease ? `the latest release, ${answer.lastRelease.name}` : 'no release yet';
    body.replaceChildren(
        h('p', {}, `${answer.instrument} · ${answer.scale}, ${answer.from} → ${answer.to}; minimum cell size ${answer.minimumCellSize}; `
            + `researchers see ${released}. `,
            h('span', { 'data-testid': 'missing-out', 'data-value': rows.filter(r => !r.inAnalysis).length },
                `${rows.filter(r => !r.inAnalysis).length} of ${rows.length} units are out of the analysis.`)),
        dataTable({
            testid: 'missing-table',
            caption: 'Units, what keeps them out or makes them smaller, and what would bring them in',
            columns: [
                { key: 'unit', label: 'Unit' },
                { key: 'members', label: 'Members', numeric: true },
                { key: 'withBoth', label: 'With both responses', numeric: true },
                { key: 'pairs', label: 'Pairs', numeric: true },
                { key: 'inAnalysis', label: 'In the analysis', format: r => (r.inAnalysis ? 'yes' : 'no') },
                {
                    key: 'gaps', label: 'What is missing',
                    format: r => (gaps(r).length ? h('ul', {}, gaps(r).map(g => h('li', { 'data-reason': g.reason },
                        `${REASONS[g.reason] || g.reason}${g.count == null ? '' : ` (${g.count})`}: ${g.detail}`))) : 'nothing'),
                },
                {
                    key: 'remedy', label: 'What would bring it in',
                    format: r => (gaps(r).length ? h('ul', {}, gaps(r).map(g => h('li', {}, g.remedy))) : '—'),
                },
            ],
            rows,
        }));
}
