//! Maps of the store that remember which keys a write touched, so that each write can be
//! committed to the database as the rows it changed (see `db`). Reads go through `Deref`;
//! every way to change a map is a method here, so a change cannot bypass the record.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Deref;

/// The map operations `Tracked` needs, over `String` keys.
pub(crate) trait KeyedMap: Default {
    type Value;
    fn get_mut_(&mut self, key: &str) -> Option<&mut Self::Value>;
    fn get_(&self, key: &str) -> Option<&Self::Value>;
    fn insert_(&mut self, key: String, value: Self::Value) -> Option<Self::Value>;
    fn remove_(&mut self, key: &str) -> Option<Self::Value>;
    fn retain_(&mut self, keep: impl FnMut(&String, &mut Self::Value) -> bool);
    fn pairs(&self) -> Vec<(&String, &Self::Value)>;
}

macro_rules! keyed_map {
    ($map:ident) => {
        impl<V> KeyedMap for $map<String, V> {
            type Value = V;
            fn get_mut_(&mut self, key: &str) -> Option<&mut V> {
                self.get_mut(key)
            }
            fn get_(&self, key: &str) -> Option<&V> {
                self.get(key)
            }
            fn insert_(&mut self, key: String, value: V) -> Option<V> {
                self.insert(key, value)
            }
            fn remove_(&mut self, key: &str) -> Option<V> {
                self.remove(key)
            }
            fn retain_(&mut self, keep: impl FnMut(&String, &mut V) -> bool) {
                self.retain(keep)
            }
            fn pairs(&self) -> Vec<(&String, &V)> {
                self.iter().collect()
            }
        }
    };
}
keyed_map!(HashMap);
keyed_map!(BTreeMap);

/// A map and the keys changed since the last [`Tracked::take_changes`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Tracked<M> {
    map: M,
    dirty: HashSet<String>,
}

impl<M> Deref for Tracked<M> {
    type Target = M;
    fn deref(&self) -> &M {
        &self.map
    }
}

impl<M> Tracked<M> {
    /// Forgets what changed (an in-memory Sandbox has nowhere to write it).
    pub(crate) fn forget_changes(&mut self) {
        self.dirty.clear();
    }
}

impl<V: Clone, M: KeyedMap<Value = V>> Tracked<M> {
    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let value = self.map.get_mut_(key)?;
        self.dirty.insert(key.to_string());
        Some(value)
    }

    pub(crate) fn insert(&mut self, key: String, value: V) -> Option<V> {
        self.dirty.insert(key.clone());
        self.map.insert_(key, value)
    }

    pub(crate) fn remove(&mut self, key: &str) -> Option<V> {
        let old = self.map.remove_(key)?;
        self.dirty.insert(key.to_string());
        Some(old)
    }

    /// Keeps the entries `keep` accepts; it sees each value read-only.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&String, &V) -> bool) {
        let dirty = &mut self.dirty;
        self.map.retain_(|k, v| {
            let kept = keep(k, v);
            if !kept {
                dirty.insert(k.clone());
            }
            kept
        });
    }

    /// Changes values in a way nobody needs written: fields derived again at every start.
    pub(crate) fn update_derived(&mut self, mut f: impl FnMut(&mut V)) {
        self.map.retain_(|_, v| {
            f(v);
            true
        });
    }

    /// Each changed key with its value now (`None`: removed), and forgets them.
    pub(crate) fn take_changes(&mut self) -> Vec<(String, Option<V>)> {
        let map = &self.map;
        self.dirty
            .drain()
            .map(|k| {
                let v = map.get_(&k).cloned();
                (k, v)
            })
            .collect()
    }

    /// Every entry, as changes (a store replaced whole is written whole).
    pub(crate) fn all(&self) -> Vec<(String, Option<V>)> {
        self.map
            .pairs()
            .into_iter()
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect()
    }

    /// A map loaded from the database: nothing to write back.
    pub(crate) fn loaded(map: M) -> Self {
        Self {
            map,
            dirty: HashSet::new(),
        }
    }
}

impl<M: Serialize> Serialize for Tracked<M> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.map.serialize(s)
    }
}

impl<'de, M: Deserialize<'de>> Deserialize<'de> for Tracked<M> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self {
            map: M::deserialize(d)?,
            dirty: HashSet::new(),
        })
    }
}

impl<V> Tracked<HashMap<String, V>> {
    /// Makes room for `n` more entries.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.map.reserve(n);
        self.dirty.reserve(n);
    }
}
