// Power planning on the comparison and meta-regression pages: how likely the current units are to detect a
// stated difference between levels (or a stated slope), and how many more units like them would give 80 %.
// Reads /comparison/power or /meta-regression/power with the page's own query, so it describes the units the
// page shows; Hedges & Pigott's formulas are for the two-level model with model-based tests only.
import { getJson } from './api.js';
import { dataTable } from './charts.js';
import { h, num, percent } from './format.js';

/** A slope worth detecting per unit of each continuous moderator, as the form first offers it. */
const DEFAULT_SLOPES = { plannedSize: -0.02, meanAttendance: -0.02, sessionsPerMonth: 0.05, meanDose: 0.01 };

/**
 * The power section for a page.
 *
 * kind   'comparison' (needs query.moderator) or 'regression'
 * query  the page's query, as sent for its answer
 */
export function powerSection(kind, query) {
    const section = h('section', { id: 'power-panel', 'aria-labelledby': 'power-title' },
        h('h2', { id: 'power-title' }, 'Power planning'));
    if ((query.model || 'two-level') !== 'two-level' || (query.robust || 'none') !== 'none') {
        section.append(h('p', { class: 'notes' }, 'Power is planned for the two-level model with model-based standard '
            + 'errors (Hedges & Pigott); choose those to see it.'));
        return section;
    }
    if (kind === 'comparison' && !query.moderator) {
        section.append(h('p', { class: 'notes' }, 'Choose a moderator to see the power of the test between its levels.'));
        return section;
    }
    const moderator = kind === 'comparison' ? query.moderator : String(query.moderators || '').split(',')[0];
    const name = kind === 'comparison' ? 'difference' : 'slope';
    const initial = kind === 'comparison' ? 0.2 : (DEFAULT_SLOPES[moderator] ?? 0.05);
    const input = h('input', { id: 'power-effect', name, type: 'number', step: 'any', value: initial, required: true,
        'aria-describedby': 'power-help' });
    const output = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'controls', 'aria-label': 'Power planning', id: 'power-form' },
        h('label', { for: 'power-effect' },
            kind === 'comparison' ? `Difference between two levels to detect (${query.measure || 'SMCR'})`
                : `Slope to detect, per unit of ${moderator}`, input),
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Compute power')));
    const help = h('p', { id: 'power-help', class: 'notes' }, kind === 'comparison'
        ? 'The least power the test of the moderator (QM) has whenever any two levels differ by this much, with the '
            + 'units and τ² above; and how many more units per level, like the current ones, would give 80 %.'
        : 'The power of the test of this slope with the units and residual τ² above; and how many more units, '
            + 'like the current ones, would give 80 %.');
    const run = async () => {
        output.replaceChildren(h('p', { class: 'loading' }, 'Computing…'));
        try {
            const plan = await getJson(kind === 'comparison' ? 'comparison/power' : 'meta-regression/power',
                { ...query, [name]: input.value });
            output.replaceChildren(...describe(kind, plan));
        } catch (error) {
            output.replaceChildren(h('p', { class: 'notes' }, error.describe ? error.describe() : String(error)));
        }
    };
    form.addEventListener('submit', event => {
        event.preventDefault();
        run();
    });
    section.append(form, help, output);
    run();
    return section;
}

function describe(kind, p) {
    const parts = [];
    if (p.power === null || p.power === undefined) {
        parts.push(h('p', {}, 'No power: ' + (p.notes || []).join(' ')));
        return parts;
    }
    const effect = kind === 'comparison' ? `a difference of ${num(p.difference, 3)} between any two levels`
        : `a slope of ${num(p.slope, 3)} per unit of ${p.coefficient}`;
    parts.push(h('p', {}, `Power to detect ${effect} at α = ${p.alpha}: `,
        h('span', { class: 'stat', 'data-testid': 'power', 'data-value': p.power }, percent(p.power)),
        kind === 'comparison'
            ? ` (QM χ²(${p.df}), λ = ${num(p.lambda)}, least favourable pair ${p.leastFavourablePair.join(' vs ')}; τ² = ${num(p.tau2, 4)}).`
            : ` (SE ${num(p.se, 4)}, λ = ${num(p.lambda)}; residual τ² = ${num(p.tau2, 4)}).`));
    const more = kind === 'comparison' ? p.additionalPerLevel : p.additionalUnits;
    const target = percent(p.target, 0);
    parts.push(h('p', { 'data-testid': 'power-additional', 'data-value': more ?? '' }, more === null || more === undefined
        ? `${target} is not within reach of more units like these.`
        : more === 0 ? `The current units already give at least ${target}.`
            : `For ${target}: ${more} more ${kind === 'comparison' ? 'units in every level' : 'units'} like the current ones `
                + `(power then ${percent(p.powerWithAdditional)}).`));
    if (kind === 'comparison' && p.levels) {
        parts.push(dataTable({
            caption: 'What each level contributes',
            testid: 'power-levels',
            columns: [
                { key: 'level', label: 'Level' },
                { key: 'k', label: 'k', numeric: true },
                { key: 'meanVi', label: 'Mean vi', numeric: true, format: r => num(r.meanVi, 4) },
                { key: 'se', label: 'SE of its mean', numeric: true, format: r => num(r.se, 3) },
            ],
            rows: p.levels,
        }));
    }
    if ((p.notes || []).length) {
        parts.push(h('ul', { class: 'notes' }, p.notes.map(n => h('li', {}, n))));
    }
    return parts;
}
