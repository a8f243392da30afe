// Consortium overview: how much the consortium has done, and attendance month by month.
import { getJson } from '../api.js';
import { dataTable, figure, PALETTE, setSource } from '../charts.js';
import { direction, h, logPosition, percent } from '../format.js';

export async function render(main, params, context) {
    main.append(h('h1', {}, 'Consortium overview'),
        h('p', { class: 'lead loading' }, 'Loading…'));
    // The overview of the release picked (the consortium as it was then), not only the latest.
    const o = await getJson('overview');
    setSource(o.release);
    main.querySelector('.lead').remove();

    const tiles = [
        ['Institutions', o.institutions, 'institutions'],
        ['Groups', o.groups, 'groups'],
        ['Sessions', o.sessions, 'sessions'],
        ['Participants', o.participants, 'participants'],
        ['Countries', (o.countries || []).length, 'countries'],
    ];
    main.append(
        h('p', { class: 'lead' }, `Countries: ${(o.countries || []).join(', ') || 'none yet'}. Reflects ${logPosition(o)}.`),
        h('dl', { class: 'tiles' }, tiles.map(([label, value, id]) =>
            h('div', { class: 'tile' }, h('dt', {}, label), h('dd', { 'data-testid': `overview-${id}` }, value ?? '—')))));

    const months = (o.attendanceByMonth || []).map(m => ({
        ...m,
        rate: m.records ? m.present / m.records : null,
    }));
    const totals = months.reduce((t, m) => ({ sessions: t.sessions + m.sessions, present: t.present + m.present, records: t.records + m.records }),
        { sessions: 0, present: 0, records: 0 });
    const columns = [
        { key: 'month', label: 'Month' },
        { key: 'sessions', label: 'Sessions', numeric: true },
        { key: 'present', label: 'Present', numeric: true },
        { key: 'records', label: 'Attendance records', numeric: true },
        { key: 'rate', label: 'Attendance rate', numeric: true, format: r => percent(r.rate), csv: r => r.rate },
    ];
    figure(main, {
        id: 'attendance-over-time',
        title: 'Attendance over time',
        summary: `Sessions held per month (bars) and the share of attendance records marked present (line), over ${months.length} months.`,
        facts: [
            `k = ${months.length} months`,
            `n = ${o.participants ?? '—'} participants, ${totals.sessions} sessions, ${totals.records} attendance records`,
            `measure: present ÷ attendance records per month (no estimator: counts, not a model)`,
            `overall attendance rate ${percent(totals.records ? totals.present / totals.records : null)}`,
            logPosition(o),
        ],
        height: 340,
        option: {
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 56, right: 64, top: 40, bottom: 40 },
            xAxis: { type: 'category', data: months.map(m => m.month), name: 'Month', nameLocation: 'middle', nameGap: 28 },
            yAxis: [
                { type: 'value', name: 'Sessions', minInterval: 1 },
                { type: 'value', name: 'Attendance rate', min: 0, max: 1, axisLabel: { formatter: v => `${Math.round(v * 100)} %` } },
            ],
            series: [
                { type: 'bar', name: 'Sessions held', data: months.map(m => m.sessions), itemStyle: { color: PALETTE[0] } },
                {
                    type: 'line', name: 'Attendance rate', yAxisIndex: 1, data: months.map(m => m.rate),
                    itemStyle: { color: PALETTE[1] }, lineStyle: { width: 2 }, symbol: 'triangle', symbolSize: 8,
                    tooltip: { valueFormatter: v => percent(v) },
                },
            ],
        },
        table: { columns, rows: months },
    });

    main.append(h('h2', {}, 'Instruments and scales'),
        dataTable({
            caption: 'What was measured, and which way is better',
            testid: 'overview-scales',
            columns: [
                { key: 'instrument', label: 'Instrument' },
                { key: 'scale', label: 'Scale' },
                { key: 'direction', label: 'Direction', format: r => direction(r.direction) },
                { key: 'compare', label: 'Compare', format: r => h('a', { href: `#/comparison?${new URLSearchParams({ instrument: r.instrument, scale: r.scale })}` }, 'compare units') },
            ],
            rows: o.scales || [],
        }),
        h('p', { class: 'lead' }, `Timepoints: ${(o.timepoints || []).join(', ') || 'none yet'}.`));
    context.announce(`Overview loaded: ${o.groups ?? 0} groups, ${o.sessions ?? 0} sessions.`);
}
