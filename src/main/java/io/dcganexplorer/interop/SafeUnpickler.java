package io.dcganexplorer.interop;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads the {@code data.pkl} of a {@code torch.save} archive with net.razorvine's pickle
 * implementation, resolving only the globals a state dict or a pickled module needs:
 * {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2} and
 * {@code _rebuild_parameter}, the float, half, double and long storages, {@code set}, and module
 * classes ({@code torch.nn.modules.*}, or a capitalised class of {@code __main__}) which become
 * inert {@link ModuleRecord}s. Any other global ({@code posix.system}, {@code builtins.eval},
 * {@code subprocess.Popen} ...) ends the read with an {@link UnsafePickleException} naming it, before
 * anything is called: nothing from the file is ever executed, and the library's own table of
 * constructors (which would turn unknown classes into dictionaries) is never consulted.
 */
final class SafeUnpickler extends Unpickler {

    /** A {@code torch.save} persistent id: {@code ('storage', FloatStorage, '0', 'cpu', numel)}. */
    record StorageRef(String dtype, String key, String location, long numel) {}

    /** A tensor as pickled: a view of a storage. */
    record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}

    /** A storage class named in the pickle ({@code torch.FloatStorage}): its element type. */
    record StorageType(String dtype) {}

    /** An instance of a module class, holding its pickled state ({@code _parameters}, {@code _modules} ...). */
    static final class ModuleRecord {
        final String className;
        Map<?, ?> state = Map.of();

        ModuleRecord(String className) {
            this.className = className;
        }
    }

    /** A refused global: the file is not read further. */
    static final class UnsafePickleException extends PickleException {
        private static final long serialVersionUID = 1L;
        final String global;

        UnsafePickleException(String global) {
            super("refused the global " + global);
            this.global = global;
        }
    }

    private static final Set<String> STORAGES = Set.of("FloatStorage", "HalfStorage", "DoubleStorage",
            "LongStorage", "IntStorage", "BFloat16Storage", "ByteStorage", "BoolStorage");

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST -> {
                // INST names its class inline, and the library would look it up in its own table.
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                throw new UnsafePickleException(module + "." + name);
            }
            case Opcodes.BUILD -> {
                build();
                return NO_RETURN_VALUE;
            }
            default -> {
                return super.dispatch(key);
            }
        }
    }

    /** BUILD: a module record keeps its state; an ordered dict's attributes ({@code _metadata}) are dropped. */
    private void build() {
        Object state = stack.pop();
        Object target = stack.peek();
        if (target instanceof ModuleRecord m && state instanceof Map<?, ?> s) {
            m.state = s;
        } else if (!(target instanceof Map<?, ?>)) {
            throw new PickleException("unexpected BUILD of " + describe(target));
        }
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    /** The whitelist: a constructor for every global a state dict or a module record needs. */
    private static Object resolve(String module, String name) {
        String global = module + "." + name;
        switch (global) {
            case "collections.OrderedDict" -> {
                return (IObjectConstructor) args -> new LinkedHashMap<>();
            }
            case "builtins.set", "__builtin__.set" -> {
                return (IObjectConstructor) args -> args.length == 0 ? new ArrayList<>()
                        : new ArrayList<>((Collection<?>) args[0]);
            }
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> {
                return (IObjectConstructor) SafeUnpickler::rebuildTensor;
            }
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                return (IObjectConstructor) args -> args[0];
            }
            default -> {
                // fall through to the families below
            }
        }
        if (module.equals("torch") && STORAGES.contains(name)) {
            return new StorageType(name.substring(0, name.length() - "Storage".length()));
        }
        boolean moduleClass = module.startsWith("torch.nn.modules.")
                || (module.equals("__main__") && !name.isEmpty() && Character.isUpperCase(name.charAt(0)));
        if (moduleClass && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
            return (IObjectConstructor) args -> new ModuleRecord(global);
        }
        throw new UnsafePickleException(global);
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef s)) {
            throw new PickleException("a tensor is rebuilt from something that is not a storage");
        }
        return new TensorRef(s, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] t = (Object[]) tuple;
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = ((Number) t[i]).longValue();
        }
        return out;
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (pid instanceof Object[] t && t.length == 5 && "storage".equals(t[0]) && t[1] instanceof StorageType type) {
            return new StorageRef(type.dtype(), String.valueOf(t[2]), String.valueOf(t[3]),
                    ((Number) t[4]).longValue());
        }
        throw new PickleException("a persistent id that is not a torch storage");
    }

    /** Unpickles {@code in}. */
    static Object read(InputStream in) throws IOException {
        SafeUnpickler u = new SafeUnpickler();
        try {
            return u.load(in);
        } finally {
            u.close();
        }
    }
}
