// Package plan is the plan stage: it turns a validated spec into one plan
// per key server, holding every decision the scripts need — which keys each
// KS imports, which ACLs, profiles and transform sets it carries, the IOS
// keywords for each algorithm, COOP peers and roles — already sorted, so
// the templates only format and the output does not depend on the order of
// lists in the spec.
//
// It consumes a *spec.Spec that passed validate.Semantic and produces a
// *Plan plus warnings. It never touches key material: the app obtains the
// keys the plan lists (generated or supplied) and hands both to render.
package plan
