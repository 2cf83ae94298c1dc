//! Widget state that is not the view's: whether a sheet or panel is open, whether a long list
//! shows all of itself. It lives with its widget, not in the app's state, and never enters
//! the URL or history.
//!
//! One component type serves every such widget, because each Yew component type costs about
//! 2 KB of brotli'd WebAssembly (measured on this app); the widget's markup is a function
//! given what the component holds ([`Disclosed`]).

use std::rc::Rc;

use yew::prelude::*;

use crate::platform;

/// What a disclosure widget holds, for the function that renders it.
#[derive(Clone)]
pub struct Disclosed {
    /// Whether it is open (for the current `scope`).
    pub open: bool,
    /// Opens or closes it.
    pub toggle: Callback<()>,
    /// Sets it to what the browser says (a `<details>` element's own `toggle` event).
    pub set: Callback<bool>,
    /// Opens it and moves focus into the first newly shown item: the one given
    /// [`Disclosed::first_revealed`] (the button that was pressed is gone).
    pub reveal: Callback<()>,
    /// Put on the first item that opening shows.
    pub first_revealed: NodeRef,
}

#[derive(Properties)]
pub struct DisclosureProps {
    /// What "open" holds for: opening a list for one filter leaves it closed for the next
    /// (a new search starts from its first results). A constant for a plain sheet or panel.
    pub scope: AttrValue,
    pub render: Rc<dyn Fn(&Disclosed) -> Html>,
}

impl PartialEq for DisclosureProps {
    fn eq(&self, other: &Self) -> bool {
        self.scope == other.scope && Rc::ptr_eq(&self.render, &other.render)
    }
}

/// Render function for a disclosure: `disclosure(scope, move |d| html! { … })`.
pub fn disclosure(
    scope: impl Into<AttrValue>,
    render: impl Fn(&Disclosed) -> Html + 'static,
) -> Html {
    html! { <Disclosure scope={scope.into()} render={Rc::new(render) as Rc<dyn Fn(&Disclosed) -> Html>} /> }
}

#[component]
pub fn Disclosure(props: &DisclosureProps) -> Html {
    // The scope it was opened for; open only while that is still the scope.
    let opened_for = use_state(|| None::<AttrValue>);
    let focus_pending = use_mut_ref(|| false);
    let first_revealed = use_node_ref();
    let open = opened_for.as_ref() == Some(&props.scope);

    {
        let first_revealed = first_revealed.clone();
        let focus_pending = focus_pending.clone();
        use_effect_with(open, move |open| {
            if *open && std::mem::take(&mut *focus_pending.borrow_mut()) {
                platform::focus_first_link(&first_revealed);
            }
        });
    }

    let set = {
        let opened_for = opened_for.clone();
        let scope = props.scope.clone();
        Callback::from(move |on: bool| opened_for.set(on.then(|| scope.clone())))
    };
    let toggle = {
        let set = set.clone();
        Callback::from(move |()| set.emit(!open))
    };
    let reveal = {
        let set = set.clone();
        Callback::from(move |()| {
            *focus_pending.borrow_mut() = true;
            set.emit(true)
        })
    };
    (props.render)(&Disclosed {
        open,
        toggle,
        set,
        reveal,
        first_revealed,
    })
}
