// Participant level: the one-stage model fitted on every participant of the groups shown, with random
// intercepts for institutions and groups: the dose-response curve with its band, the within- and across-group
// dose slopes with the test of their difference, the fixed effects (raw and standardised), the variance
// components, and the one-stage estimates beside the two-stage meta-regression's.
import { getBlob, getJson } from '../api.js';
import { resultsLoader } from '../results.js';
import { bandSeries, dataTable, figure, PALETTE } from '../charts.js';
import { download, h, interval, logPosition, num, pValue, slug } from '../format.js';

const MODERATORS = [
    ['plannedSize', 'Planned group size'],
    ['leaders', 'Leaders'],
    ['sessionsPerMonth', 'Sessions per month'],
    ['facilitationStyle', 'Facilitation style'],
    ['meetingFrequency', 'Planned meeting frequency'],
    ['format', 'Format'],
    ['accreditedLeader', 'Accredited leader'],
];
const DOSES = [['linear', 'Straight line'], ['spline3', 'Spline, 3 knots'], ['spline4', 'Spline, 4 knots']];
const METHODS = [['REML', 'REML'], ['ML', 'ML']];

export async function render(main, params, context) {
    main.append(h('h1', {}, 'Participant level'),
        h('p', { class: 'lead' }, 'One model on every participant of the groups shown: the later score on the baseline, '
            + 'sessions attended split into its within-group and across-group parts, and group-level moderators, with '
            + 'random intercepts for institutions and groups (lme4::lmer, Satterthwaite degrees of freedom).'));
    const overview = await context.overview();
    const results = h('section', { class: 'results', 'aria-label': 'Results', id: 'participant-results' });
    const load = resultsLoader(results, context, {
        route: 'participant',
        busy: 'Fitting…',
        fetch: query => getJson('participant-level', query),
        show,
        announce: a => `Participant-level model updated: ${a.participants} participants in ${a.groups} groups`,
    });
    const { form, read } = controls(overview, params, load);
    main.append(form, results);
    if (!(overview.scales || []).length) {
        context.showInfo('No instrument has been administered yet: there is nothing to model.');
        return;
    }
    await load(read());
}

function select(id, label, options, value) {
    return h('label', { for: id }, label, h('select', { id, name: id },
        options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function controls(overview, params, onChange) {
    const scales = overview.scales || [];
    const timepoints = (overview.timepoints || []).length ? overview.timepoints : ['BASELINE', 'POST'];
    const instrument = params.instrument || scales[0]?.instrument || '';
    const scale = params.scale || scales.find(s => s.instrument === instrument)?.scale || 'total';
    const chosen = (params.moderators || '').split(',').filter(Boolean);
    const form = h('form', { class: 'controls', 'aria-label': 'Query', id: 'query-form' },
        select('scale', 'Instrument and scale', scales.map(s => [`${s.instrument}|${s.scale}`, `${s.instrument} · ${s.scale}`]),
            `${instrument}|${scale}`),
        select('from', 'From timepoint', timepoints.map(t => [t, t]), params.from || 'BASELINE'),
        select('to', 'To timepoint', timepoints.map(t => [t, t]), params.to || 'POST'),
        select('dose', 'Dose-response', DOSES, params.dose || 'linear'),
        select('method', 'Estimation', METHODS, params.method || 'REML'),
        h('fieldset', { class: 'moderators' }, h('legend', {}, 'Group-level moderators'),
            MODERATORS.map(([v, text]) => h('label', { for: `moderator-${v}` },
                h('input', { type: 'checkbox', id: `moderator-${v}`, name: 'moderator', value: v, checked: chosen.includes(v) }),
                text))),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Update')));
    const read = () => {
        const data = new FormData(form);
        const [chosenInstrument, chosenScale] = (data.get('scale') || '|').split('|');
        return {
            instrument: chosenInstrument, scale: chosenScale, from: data.get('from'), to: data.get('to'),
            dose: data.get('dose'), method: data.get('method'), moderators: data.getAll('moderator').join(','),
        };
    };
    form.addEventListener('change', () => onChange(read()));
    form.addEventListener('submit', event => {
        event.preventDefault();
        onChange(read());
    });
    return { form, read };
}

function stat(testid, value, decimals) {
    return h('span', { class: 'stat', 'data-testid': testid, 'data-value': value ?? '' }, num(value, decimals));
}

function show(results, a, query) {
    const d = a.doseResponse;
    const curve = d.curve || [];
    const withheld = a.withheldUnits || {};
    results.replaceChildren(
        h('div', { class: 'summary-grid' },
            h('section', { 'aria-labelledby': 'ipd-model-title' },
                h('h2', { id: 'ipd-model-title' }, 'Model'),
                h('p', {}, h('span', { class: 'stat', 'data-testid': 'ipd-participants', 'data-value': a.participants }, a.participants),
                    ` participants in ${a.groups} groups of ${a.institutions} institutions`),
                h('p', {}, `${a.method}, ${a.dfMethod} degrees of freedom; log-likelihood ${num(a.logLikelihood, 2)}`
                    + (a.converged ? '' : ' (did not converge)')),
                h('p', { 'data-testid': 'ipd-withheld' }, `${withheld.total ?? 0} group units withheld by disclosure control `
                    + `(n < ${a.minimumCellSize}: ${withheld.belowThreshold ?? 0}; secondary: ${withheld.secondary ?? 0}; `
                    + `held back: ${withheld.heldBack ?? 0})`
                    + (a.groupsWithoutDoses ? `; ${a.groupsWithoutDoses} without attendance in this release` : ''))),
            h('section', { 'aria-labelledby': 'ipd-slopes-title' },
                h('h2', { id: 'ipd-slopes-title' }, 'Sessions attended: within and across groups'),
                h('p', {}, 'Within groups, per session: ', stat('ipd-within', d.within.estimate, 3), ` ${interval(d.within.ciLower, d.within.ciUpper, 3)}`),
                h('p', {}, 'Across groups, per session of the group mean: ', stat('ipd-between', d.between.estimate, 3),
                    ` ${interval(d.between.ciLower, d.between.ciUpper, 3)}`),
                h('p', {}, 'Across − within: ', stat('ipd-difference', d.difference.estimate, 3),
                    ` ${interval(d.difference.ciLower, d.difference.ciUpper, 3)}, t(${num(d.difference.df, 1)}) = ${num(d.difference.t)}, p ${pValue(d.difference.p)}`),
                h('p', { class: 'hint' }, 'A difference means the across-group slope mixes in what differs between groups '
                    + '(aggregation bias; Riley et al., Stat Med 2020): the within-group slope is the participant-level dose effect.'))));

    const fig = h('div');
    results.append(fig);
    figure(fig, {
        id: 'dose-response',
        title: `${a.instrument} · ${a.scale}: ${a.to} score by sessions attended`,
        filename: `dose-response-${a.instrument}-${a.scale}`,
        summary: `Expected difference in the ${a.to} score for a participant attending each number of sessions, against `
            + `${d.reference} sessions in the same group at the same baseline, with its 95 % confidence band`
            + (curve.length ? `: ${num(curve[curve.length - 1].estimate, 2)} at ${curve[curve.length - 1].sessions} sessions.` : '.'),
        facts: [`${a.participants} participants`, `${a.groups} groups`, `dose ${a.dose}`
            + (d.knots?.length ? ` (knots ${d.knots.join(', ')})` : ''), `${a.method}`, logPosition(a)],
        notes: [...(a.notes || []), `The curve runs between the doses that at least ${a.minimumCellSize} participants reached at either end.`],
        height: 380,
        option: {
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 60, right: 24, top: 40, bottom: 56 },
            xAxis: { type: 'value', name: 'Sessions attended', nameLocation: 'middle', nameGap: 30, minInterval: 1 },
            yAxis: { type: 'value', scale: true, name: `Difference from ${d.reference} sessions`, nameLocation: 'middle', nameGap: 44 },
            series: [
                bandSeries(curve.map(p => ({ x: p.sessions, lower: p.ciLower, upper: p.ciUpper }))),
                {
                    type: 'line', name: 'Within-group dose-response', showSymbol: false,
                    data: curve.map(p => [p.sessions, p.estimate]),
                    lineStyle: { color: PALETTE[0], width: 2.5 }, itemStyle: { color: PALETTE[0] },
                },
            ],
        },
        table: {
            columns: [
                { key: 'sessions', label: 'Sessions attended', numeric: true },
                { key: 'estimate', label: 'Difference', numeric: true, format: r => num(r.estimate, 3) },
                { key: 'ci', label: '95 % CI', numeric: true, format: r => interval(r.ciLower, r.ciUpper, 3) },
            ],
            rows: curve,
        },
        csv: {
            columns: [{ key: 'sessions', label: 'sessions' }, { key: 'estimate', label: 'estimate' },
                { key: 'ciLower', label: 'ci_lower' }, { key: 'ciUpper', label: 'ci_upper' }],
            rows: curve,
        },
        downloads: [{
            label: 'Bundle (R)',
            action: async () => download(`participant-level-${slug(a.instrument)}-${slug(a.scale)}.zip`,
                await getBlob('participant-level/bundle.zip', query, 'application/zip'), 'application/zip'),
        }],
    });

    const v = a.variance || {};
    results.append(
        h('section', { 'aria-labelledby': 'ipd-fixed-title' },
            h('h2', { id: 'ipd-fixed-title' }, 'Fixed effects'),
            h('p', { class: 'hint' }, `Standardised: divided by the pooled within-group SD of the baseline (${num(a.baselineSd, 2)}), `
                + 'the scale of the two-stage answers\' SMCR.'),
            dataTable({
                testid: 'ipd-fixed-effects',
                columns: [
                    { key: 'term', label: 'Term' },
                    { key: 'estimate', label: 'Estimate', numeric: true, format: r => num(r.estimate, 3) },
                    { key: 'standardError', label: 'SE', numeric: true, format: r => num(r.standardError, 3) },
                    { key: 'df', label: 'df', numeric: true, format: r => num(r.df, 1) },
                    { key: 'p', label: 'p', numeric: true, format: r => pValue(r.p) },
                    { key: 'ci', label: '95 % CI', numeric: true, format: r => interval(r.ciLower, r.ciUpper, 3) },
                    { key: 'standardised', label: 'Standardised', numeric: true, format: r => (r.standardised == null ? '—' : num(r.standardised, 3)) },
                ],
                rows: a.fixedEffects || [],
            }),
            (a.withheldTerms || []).length ? h('ul', { class: 'notes', 'data-testid': 'ipd-withheld-terms' },
                a.withheldTerms.map(t => h('li', {}, `${t.term}: not reported, ${t.reason}`))) : null),
        h('section', { 'aria-labelledby': 'ipd-variance-title' },
            h('h2', { id: 'ipd-variance-title' }, 'Variance components'),
            dataTable({
                testid: 'ipd-variance',
                columns: [
                    { key: 'level', label: 'Level' },
                    { key: 'variance', label: 'Variance', numeric: true, format: r => num(r.variance, 3) },
                    { key: 'icc', label: 'ICC', numeric: true, format: r => (r.icc == null ? '—' : num(r.icc, 3)) },
                ],
                rows: [
                    { level: 'Institution', variance: v.institution, icc: v.iccInstitution },
                    { level: 'Group', variance: v.group, icc: v.iccGroup },
                    { level: 'Residual', variance: v.residual, icc: null },
                ],
            })),
        h('section', { 'aria-labelledby': 'ipd-two-stage-title' },
            h('h2', { id: 'ipd-two-stage-title' }, 'One stage and two stages'),
            h('p', { class: 'hint' }, `Each group-level term standardised in the one-stage model beside the two-stage `
                + `meta-regression of the same ${a.twoStageGroups} groups' SMCR on the same terms (REML).`),
            dataTable({
                testid: 'ipd-two-stage',
                columns: [
                    { key: 'term', label: 'Term' },
                    { key: 'oneStage', label: 'One stage', numeric: true, format: r => `${num(r.oneStage, 3)} ${interval(r.oneStageLower, r.oneStageUpper, 3)}` },
                    { key: 'twoStage', label: 'Two stages', numeric: true, format: r => `${num(r.twoStage, 3)} ${interval(r.twoStageLower, r.twoStageUpper, 3)}` },
                ],
                rows: a.twoStage || [],
            })));
}
