// The dashboard shell: API key form, hash routes (#/overview, #/comparison, #/regression, #/robustness,
// #/cumulative, #/participant, #/school), messages. Each page module renders into <main> from the route's query parameters.
import { ApiError, apiKey, getJson, releaseChoice, setApiKey, setReleaseChoice } from './api.js';
import { disposeAll } from './charts.js';
import * as overviewPage from './pages/overview.js';
import * as comparisonPage from './pages/comparison.js';
import * as regressionPage from './pages/regression.js';
import * as schoolPage from './pages/school.js';
import * as robustnessPage from './pages/robustness.js';
import * as cumulativePage from './pages/cumulative.js';
import * as participantPage from './pages/participant.js';
import { showReleaseBar } from './release.js';

const PAGES = {
    overview: overviewPage,
    comparison: comparisonPage,
    regression: regressionPage,
    robustness: robustnessPage,
    cumulative: cumulativePage,
    participant: participantPage,
    school: schoolPage,
};

const main = document.getElementById('main');
const message = document.getElementById('message');
const status = document.getElementById('status');
const releaseBar = document.getElementById('release-bar');
let overviewCache = null;
let releasesCache = null;
let renderCount = 0;

/** What pages share: the consortium overview (scales, timepoints) and messaging. */
const context = {
    /** The latest release's overview (a school's: its live one), whatever release is picked: the pickers' lists. */
    async overview() {
        if (!overviewCache) {
            overviewCache = getJson('overview', {}, { release: false }).catch(e => {
                overviewCache = null;
                throw e;
            });
        }
        return overviewCache;
    },
    /** The published data releases, the first first. */
    async releases() {
        if (!releasesCache) {
            releasesCache = getJson('releases', {}, { release: false }).catch(e => {
                releasesCache = null;
                throw e;
            });
        }
        return releasesCache;
    },
    showError(error) {
        message.className = 'message';
        message.textContent = error instanceof ApiError ? error.describe() : `Something went wrong: ${error.message}`;
        message.hidden = false;
        if (!(error instanceof ApiError)) {
            console.error(error);
        }
    },
    showInfo(text) {
        message.className = 'message info';
        message.textContent = text;
        message.hidden = false;
    },
    clearMessage() {
        message.hidden = true;
        message.textContent = '';
    },
    announce(text) {
        status.textContent = text;
    },
    /** Keeps the page's choices in the address so a view can be bookmarked and shared. */
    remember(route, params) {
        const query = new URLSearchParams(Object.entries({ ...params, ...releaseChoice() })
            .filter(([, v]) => v !== '' && v != null)).toString();
        history.replaceState(null, '', `#/${route}${query ? '?' + query : ''}`);
    },
};

function parseRoute() {
    const hash = location.hash.replace(/^#\/?/, '');
    const [name, query] = hash.split('?');
    return { name: PAGES[name] ? name : 'overview', params: Object.fromEntries(new URLSearchParams(query || '')) };
}

/** Asks the same page from another release: the route's query without the old choice, with the new. */
function chooseRelease(choice) {
    const { name, params } = parseRoute();
    const rest = Object.entries(params).filter(([k]) => k !== 'release' && k !== 'asOf');
    const query = new URLSearchParams([...rest, ...Object.entries(choice)]).toString();
    location.hash = `#/${name}${query ? '?' + query : ''}`;
}

function showKeyState() {
    document.getElementById('api-key').placeholder = apiKey() ? 'key set; type another to replace it' : 'bo_…';
}

async function render() {
    showKeyState();
    const { name, params } = parseRoute();
    const current = ++renderCount;
    document.querySelectorAll('nav a').forEach(a => {
        if (a.dataset.route === name) {
            a.setAttribute('aria-current', 'page');
        } else {
            a.removeAttribute('aria-current');
        }
    });
    disposeAll();
    context.clearMessage();
    main.replaceChildren();
    main.setAttribute('aria-busy', 'true');
    if (!apiKey()) {
        releaseBar.hidden = true;
        setReleaseChoice({});
        context.showInfo('Enter an API key above to see the analytics.');
        document.getElementById('api-key').focus();
        main.removeAttribute('aria-busy');
        return;
    }
    try {
        await showReleaseBar(releaseBar, params, context, chooseRelease);
        await PAGES[name].render(main, params, context);
        if (current === renderCount) {
            document.title = `${main.querySelector('h1')?.textContent || name} · Balint Observatory`;
        }
    } catch (error) {
        context.showError(error);
    } finally {
        main.removeAttribute('aria-busy');
    }
}

document.getElementById('key-form').addEventListener('submit', event => {
    event.preventDefault();
    const input = document.getElementById('api-key');
    setApiKey(input.value);
    input.value = '';
    overviewCache = null;
    releasesCache = null;
    context.announce('API key saved for this tab.');
    render();
});

document.getElementById('forget-key').addEventListener('click', () => {
    setApiKey('');
    overviewCache = null;
    releasesCache = null;
    context.announce('API key forgotten.');
    render();
});

window.addEventListener('hashchange', render);
if (!location.hash) {
    history.replaceState(null, '', '#/overview');
}
render();
