// The pickers the comparison and meta-regression pages share, built from the consortium overview.
import { h } from '../format.js';

export const CATEGORICAL_MODERATORS = [
    ['groupSize', 'Planned group size'],
    ['observedGroupSize', 'Observed group size'],
    ['facilitationStyle', 'Facilitation style'],
    ['leaders', 'Leaders (single or co-led)'],
    ['accreditedLeader', 'Accredited leader'],
    ['meetingFrequency', 'Planned meeting frequency'],
    ['observedFrequency', 'Observed meeting frequency'],
    ['format', 'Format'],
    ['participantType', 'Participant type'],
    ['country', 'Country'],
    ['arm', 'Study arm'],
];

export const CONTINUOUS_MODERATORS = [
    ['meanAttendance', 'Mean attendance per session'],
    ['sessionsPerMonth', 'Sessions per month'],
    ['meanDose', 'Mean dose (sessions attended)'],
    ['plannedSize', 'Planned group size'],
];

export const MEASURES = [
    ['SMCR', 'SMCR: mean change / pre SD'],
    ['SMCC', 'SMCC: mean change / change SD'],
    ['SMD', 'SMD: between arms (institution units)'],
];

export const METHODS = [['REML', 'REML'], ['ML', 'ML'], ['DL', 'DerSimonian–Laird']];
export const MODELS = [['two-level', 'Two-level (units independent)'], ['multilevel', 'Multilevel (groups in institutions)']];
export const ROBUST = [['none', 'Model-based'], ['cr2', 'Cluster-robust by institution (CR2)']];
export const TESTS = [['z', 'z (normal)'], ['knha', 'Knapp–Hartung (t)']];
export const UNITS = [['group', 'Group'], ['institution', 'Institution']];
const PARTICIPANT_TYPES = ['MEDICAL_STUDENT', 'RESIDENT', 'GENERAL_PRACTITIONER', 'SPECIALIST', 'NURSE', 'MIXED'];
const FORMATS = ['IN_PERSON', 'VIRTUAL', 'HYBRID'];

export function labelOf(options, value) {
    return options.find(([v]) => v === value)?.[1] || value;
}

function select(id, label, options, value, { any } = {}) {
    const control = h('select', { id, name: id },
        any ? h('option', { value: '' }, any) : null,
        options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
    return h('label', { for: id }, label, control);
}

/**
 * The query form. moderator: 'single' (one categorical moderator, optional), 'continuous'
 * (one continuous moderator, required) or 'none'. onChange receives the query parameters.
 */
export function queryForm(overview, params, { moderator, onChange }) {
    const scales = overview.scales || [];
    const timepoints = (overview.timepoints || []).length ? overview.timepoints : ['BASELINE', 'POST'];
    const instrument = params.instrument || scales[0]?.instrument || '';
    const scale = params.scale || scales.find(s => s.instrument === instrument)?.scale || 'total';
    const scaleOptions = scales.map(s => [`${s.instrument}|${s.scale}`, `${s.instrument} · ${s.scale}`]);
    if (instrument && !scaleOptions.some(([v]) => v === `${instrument}|${scale}`)) {
        scaleOptions.unshift([`${instrument}|${scale}`, `${instrument} · ${scale}`]);
    }

    const moderatorControl = moderator === 'none' ? null : moderator === 'continuous'
        ? select('moderators', 'Continuous moderator', CONTINUOUS_MODERATORS, params.moderators || CONTINUOUS_MODERATORS[0][0])
        : select('moderator', 'Moderator', CATEGORICAL_MODERATORS, params.moderator || '', { any: 'none (overall only)' });

    const form = h('form', { class: 'controls', 'aria-label': 'Query', id: 'query-form' },
        select('scale', 'Instrument and scale', scaleOptions, `${instrument}|${scale}`),
        select('from', 'From timepoint', timepoints.map(t => [t, t]), params.from || (timepoints.includes('BASELINE') ? 'BASELINE' : timepoints[0])),
        select('to', 'To timepoint', timepoints.map(t => [t, t]), params.to || (timepoints.includes('POST') ? 'POST' : timepoints[timepoints.length - 1])),
        moderatorControl,
        select('unit', 'Unit of analysis', UNITS, params.unit || 'group'),
        select('measure', 'Effect size measure', MEASURES, params.measure || 'SMCR'),
        select('method', 'τ² estimator', METHODS, params.method || 'REML'),
        select('test', 'Test', TESTS, params.test || 'z'),
        select('model', 'Model', MODELS, params.model || 'two-level'),
        select('robust', 'Standard errors', ROBUST, params.robust || 'none'),
        select('participantType', 'Only participant type', PARTICIPANT_TYPES.map(t => [t, t]), params.participantType || '', { any: 'all' }),
        select('country', 'Only country', (overview.countries || []).map(c => [c, c]), params.country || '', { any: 'all' }),
        select('format', 'Only format', FORMATS.map(f => [f, f]), params.format || '', { any: 'all' }),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Update')));

    const read = () => {
        const data = Object.fromEntries(new FormData(form).entries());
        const [chosenInstrument, chosenScale] = (data.scale || '|').split('|');
        return { ...data, instrument: chosenInstrument, scale: chosenScale };
    };
    form.addEventListener('change', () => onChange(read()));
    form.addEventListener('submit', event => {
        event.preventDefault();
        onChange(read());
    });
    return { form, read };
}
