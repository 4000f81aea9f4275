import { useLayoutEffect } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { CLIENT_PATH_RE } from './paths';
import { NotFound, ROUTES, type RouteDef } from './routes';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Layout, focusPageHeading } from './components/Layout';

/** A route's page, or a redirect when the route says so. */
function Guarded({ def, ...props }: { def: RouteDef } & Record<string, unknown>) {
  const { route } = useLocation();
  const target = def.redirect?.() ?? null;
  useLayoutEffect(() => {
    if (target) route(target, true);
  }, [target]);
  if (target) return null;
  const Page = def.component;
  return <Page {...props} />;
}

export function App() {
  return (
    // links outside the client routes (/cms/, /pages/, calendars) are ordinary page loads
    <LocationProvider scope={CLIENT_PATH_RE}>
      <Layout>
        <ErrorBoundary>
          <Router onRouteChange={focusPageHeading}>
            {[
              ...ROUTES.map((def) =>
                def.redirect ? (
                  <Route key={def.name} path={def.path} component={Guarded} def={def} />
                ) : (
                  <Route key={def.name} path={def.path} component={def.component} />
                ),
              ),
              <Route key="not-found" default component={NotFound} />,
            ]}
          </Router>
        </ErrorBoundary>
      </Layout>
    </LocationProvider>
  );
}
