using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Sys2.Workflows.Expressions;

/// <summary>
/// Turns a fresh Jint engine into the expression sandbox: only the allow-listed globals stay, sources of
/// non-determinism are gone (<c>Math.random</c>, <c>Date</c>, <c>Temporal</c>, <c>Intl</c>, the legacy
/// <c>RegExp.$1</c> statics), native built-ins that can amplify a small input into a huge output are guarded, and
/// every object reachable from the globals is frozen, so no evaluation can leave anything behind for the next one.
/// </summary>
internal static class SandboxLockdown
{
    /// <summary>Legacy RegExp statics carry the last match from one evaluation to the next.</summary>
    private static readonly HashSet<string> RegExpKeeps = new(StringComparer.Ordinal) { "length", "name", "prototype", "escape" };

    /// <summary>
    /// Members removed from the globals that stay: randomness, and the built-ins that yield or consume
    /// unbounded sequences without running a statement (iterator concatenation, zips, a precise sum).
    /// </summary>
    private static readonly (string Owner, string Member)[] RemovedMembers =
    [
        ("Math", "random"), ("Math", "sumPrecise"), ("Array", "fromAsync"),
        ("Iterator", "concat"), ("Iterator", "zip"), ("Iterator", "zipKeyed"),
    ];

    /// <summary>Installs the guarded built-ins; receives the limits and the host-side meters.</summary>
    private const string GuardsScript = """
        (function (maxChars, maxElements, measureJoin, measureFlat, measureJson) {
          const apply = Reflect.apply, defineProperty = Object.defineProperty, ownKeys = Reflect.ownKeys;
          const S = String.prototype, A = Array.prototype;
          const nativeRepeat = S.repeat, nativePadStart = S.padStart, nativePadEnd = S.padEnd;
          const nativeReplace = S.replace, nativeReplaceAll = S.replaceAll, nativeMatch = S.match, nativeSplit = S.split;
          const nativeJoin = A.join, nativeToLocaleString = A.toLocaleString, nativeFlat = A.flat;
          const nativeStringify = JSON.stringify;
          const tooLarge = (what) => new RangeError(what + ' would exceed the expression memory limit');
          const count = (value) => { const n = Math.trunc(Number(value)); return n > 0 ? n : 0; };
          const install = (target, methods) => {
            for (const name of ownKeys(methods)) {
              defineProperty(target, name, { value: methods[name], writable: true, enumerable: false, configurable: true });
            }
          };
          const guardReplace = (self, pattern, replacement, all, what) => {
            if (self == null || typeof replacement === 'function') return;
            const isRegExp = pattern instanceof RegExp;
            if (!isRegExp && pattern !== null && (typeof pattern === 'object' || typeof pattern === 'function')) return;
            const text = `${self}`, inserted = `${replacement}`;
            const dollars = apply(nativeSplit, inserted, ['$']).length - 1;
            const perMatch = inserted.includes("$'") || inserted.includes('$`');
            const bound = (m) => text.length + m * inserted.length + dollars * text.length * (perMatch ? m : 1);
            const global = all || (isRegExp && pattern.global);
            if (bound(global ? text.length + 1 : 1) <= maxChars) return;
            if (!global) throw tooLarge(what);
            let matches;
            if (isRegExp) {
              const found = apply(nativeMatch, text, [pattern]);
              matches = found === null ? 0 : found.length;
            } else {
              const needle = `${pattern}`;
              matches = needle.length === 0 ? text.length + 1 : apply(nativeSplit, text, [needle]).length - 1;
            }
            if (bound(matches) > maxChars) throw tooLarge(what);
          };

          install(S, {
            repeat(times) {
              if (this != null) {
                const n = count(times);
                if (n !== Infinity && n * `${this}`.length > maxChars) throw tooLarge('String.prototype.repeat');
              }
              return apply(nativeRepeat, this, [times]);
            },
            padStart(maxLength, fillString) {
              if (count(maxLength) > maxChars) throw tooLarge('String.prototype.padStart');
              return apply(nativePadStart, this, [maxLength, fillString]);
            },
            padEnd(maxLength, fillString) {
              if (count(maxLength) > maxChars) throw tooLarge('String.prototype.padEnd');
              return apply(nativePadEnd, this, [maxLength, fillString]);
            },
            concat(...parts) {
              if (this == null) throw new TypeError('String.prototype.concat called on null or undefined');
              let result = `${this}`;
              for (const part of parts) {
                const text = `${part}`;
                if (result.length + text.length > maxChars) throw tooLarge('String.prototype.concat');
                result += text;
              }
              return result;
            },
            replace(pattern, replacement) {
              guardReplace(this, pattern, replacement, false, 'String.prototype.replace');
              return apply(nativeReplace, this, [pattern, replacement]);
            },
            replaceAll(pattern, replacement) {
              guardReplace(this, pattern, replacement, true, 'String.prototype.replaceAll');
              return apply(nativeReplaceAll, this, [pattern, replacement]);
            },
          });

          install(A, {
            join(separator) {
              if (this != null) measureJoin(this, separator);
              return apply(nativeJoin, this, [separator]);
            },
            toLocaleString() {
              if (this != null) measureJoin(this, ',');
              return apply(nativeToLocaleString, this, []);
            },
            flat(depth) {
              if (this != null) measureFlat(this, depth);
              return apply(nativeFlat, this, [depth]);
            },
          });

          // Copying methods allocate `this.length` slots up front, even for a generic { length: 1e9 }.
          for (const name of ['with', 'toReversed', 'toSorted', 'toSpliced']) {
            const native = A[name];
            install(A, {
              [name](...args) {
                if (this != null && count(Object(this).length) > maxElements) throw tooLarge(`Array.prototype.${name}`);
                return apply(native, this, args);
              },
            });
          }

          install(JSON, {
            stringify(value, replacer, space) {
              measureJson(value, replacer, space);
              return apply(nativeStringify, JSON, [value, replacer, space]);
            },
          });

          delete String.raw;
        })
        """;

    /// <summary>Objects only syntax can reach (generator, async and iterator prototypes, ...), to be frozen too.</summary>
    private const string SyntaxReachableScript = """
        (() => [
          function* () {}, (function* () {})(), async function () {}, async () => {}, (async () => {})(),
          async function* () {}, (async function* () {})(), class {},
          [][Symbol.iterator](), new Map()[Symbol.iterator](), new Set()[Symbol.iterator](), ''[Symbol.iterator](),
          'a'.matchAll(/a/g), [].values().map((x) => x),
          (function () { return arguments; })(),
        ])()
        """;

    public static void Apply(Engine engine, ExpressionLimits limits)
    {
        var global = engine.Global;
        foreach (var key in global.GetOwnPropertyKeys(Types.String | Types.Symbol))
        {
            if (key.IsString() && RootNames.Globals.Contains(key.AsString())) continue;
            Remove(global, key);
        }
        foreach (var (owner, member) in RemovedMembers) Remove(global.Get(owner).AsObject(), member);
        var regExp = global.Get("RegExp").AsObject();
        foreach (var key in regExp.GetOwnPropertyKeys(Types.String))
        {
            if (!RegExpKeeps.Contains(key.AsString())) Remove(regExp, key);
        }

        var maxChars = limits.MaxStringLength;
        var maxElements = (long)limits.MaxArrayLength;
        var install = engine.Evaluate(GuardsScript);
        engine.Call(install,
            maxChars,
            maxElements,
            new ClrFunction(engine, "measureJoin", (_, args) =>
            {
                SizeMeter.Join(engine, Arg(args, 0), Arg(args, 1), maxChars);
                return JsValue.Undefined;
            }),
            new ClrFunction(engine, "measureFlat", (_, args) =>
            {
                SizeMeter.Flat(engine, Arg(args, 0), Arg(args, 1), maxElements);
                return JsValue.Undefined;
            }),
            new ClrFunction(engine, "measureJson", (_, args) =>
            {
                SizeMeter.Json(engine, Arg(args, 0), Arg(args, 1), Arg(args, 2), maxChars);
                return JsValue.Undefined;
            }));

        var seeds = engine.Evaluate(SyntaxReachableScript).AsArray();
        var pending = new Stack<JsValue>();
        pending.Push(global);
        foreach (var seed in seeds) pending.Push(seed);
        DeepFreeze(engine, pending);
    }

    private static void DeepFreeze(Engine engine, Stack<JsValue> pending)
    {
        var freeze = engine.Intrinsics.Object.Get("freeze");
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        var batch = new List<JsValue>();
        while (pending.TryPop(out var value))
        {
            if (value is not ObjectInstance obj || !seen.Add(obj)) continue;
            if (obj.Prototype is { } prototype) pending.Push(prototype);
            foreach (var (_, property) in obj.GetOwnProperties())
            {
                if (property.IsAccessorDescriptor())
                {
                    if (property.Get is { } getter) pending.Push(getter);
                    if (property.Set is { } setter) pending.Push(setter);
                }
                else if (property.Value is { } member)
                {
                    pending.Push(member);
                }
            }
            batch.Add(obj);
        }
        foreach (var obj in batch) engine.Call(freeze, obj);
    }

    private static void Remove(ObjectInstance target, JsValue key)
    {
        if (!target.Delete(key))
            throw new InvalidOperationException($"The expression sandbox could not remove `{key}`; the Jint version changed its built-ins.");
    }

    private static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;
}
