// Talks to the analytics API with the researcher's or school's key, kept for this browser tab only.

const KEY_STORAGE = 'balint.apiKey';
const API = 'api/v1/analytics/';

export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `HTTP ${status}`);
        this.status = status;
        this.problem = problem || {};
    }

    /** A sentence a person can act on, with the fields and rules the problem names. */
    describe() {
        if (this.status === 401) {
            return 'The API key was not accepted (401). Enter the key the local stack printed at start-up.';
        }
        if (this.status === 403) {
            return `This key may not see that (403): ${this.message}`;
        }
        const fields = (this.problem.errors || [])
            .map(e => `${e.field}: ${e.message || e.rule}`).join('; ');
        return `${this.problem.title || 'Request failed'} (${this.status})${this.message ? ': ' + this.message : ''}`
            + (fields ? ` — ${fields}` : '');
    }
}

export function apiKey() {
    return sessionStorage.getItem(KEY_STORAGE) || '';
}

export function setApiKey(key) {
    if (key) {
        sessionStorage.setItem(KEY_STORAGE, key.trim());
    } else {
        sessionStorage.removeItem(KEY_STORAGE);
    }
}

let choice = {};

/**
 * The data release a researcher picked, sent with every question: {release: name}, {asOf: day}, or {} for the
 * latest. A school is answered live and sends none.
 */
export function setReleaseChoice(next = {}) {
    choice = next.release ? { release: next.release } : next.asOf ? { asOf: next.asOf } : {};
}

export function releaseChoice() {
    return { ...choice };
}

export function url(path, params = {}) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
        if (value !== undefined && value !== null && value !== '') {
            query.set(name, value);
        }
    }
    const q = query.toString();
    return API + path + (q ? '?' + q : '');
}

async function request(path, params, accept, { release = true } = {}) {
    const key = apiKey();
    if (!key) {
        throw new ApiError(401, { title: 'No API key', detail: 'enter an API key first' });
    }
    const response = await fetch(url(path, release ? { ...params, ...choice } : params), {
        headers: { Authorization: `Bearer ${key}`, Accept: accept },
    });
    if (!response.ok) {
        let problem = null;
        try {
            problem = await response.json();
        } catch {
            problem = { title: response.statusText };
        }
        throw new ApiError(response.status, problem);
    }
    return response;
}

/** options.release: false asks without the picked release (the latest, or a school's live view). */
export async function getJson(path, params, options) {
    return (await request(path, params, 'application/json', options)).json();
}

export async function getText(path, params) {
    return (await request(path, params, 'text/csv')).text();
}

/** A binary answer, such as the reproducibility bundle (application/zip). */
export async function getBlob(path, params, accept) {
    return (await request(path, params, accept)).blob();
}
