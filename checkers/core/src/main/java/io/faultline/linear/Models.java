package io.faultline.linear;

import io.faultline.history.Operation;
import io.faultline.linear.model.KvModel;
import io.faultline.linear.model.MultiRegisterModel;
import io.faultline.linear.model.MutexModel;
import io.faultline.linear.model.RegisterModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The models {@code --model} knows, by name, and inference of a model from a history. */
public final class Models {
    private final Map<String, Model> byName = new LinkedHashMap<>();

    private Models(List<Model> models) {
        for (Model m : models) byName.put(m.name(), m);
    }

    /** register, cas-register, kv (partitioned by key), mutex, multi-register. */
    public static Models standard() {
        return new Models(List.of(RegisterModel.register(), RegisterModel.casRegister(), new KvModel(true),
                new MutexModel(), new MultiRegisterModel()));
    }

    public Optional<Model> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * The model a history needs, when its {@code f} names make that unambiguous: cas-register
     * when any cas appears among read/write/cas, register for read/write only, kv for
     * get/put/append, mutex for acquire/release, multi-register for txn.
     *
     * @return the model, or empty when the history fits none or several (the message in
     *         {@link #inferenceProblem} says why)
     */
    public Optional<Model> infer(List<Operation> ops) {
        return Optional.ofNullable(inferOrProblem(ops).model);
    }

    /** Why {@link #infer} found no single model, or null when it found one. */
    public String inferenceProblem(List<Operation> ops) {
        return inferOrProblem(ops).problem;
    }

    private record Inference(Model model, String problem) {
    }

    private Inference inferOrProblem(List<Operation> ops) {
        Set<String> fs = new TreeSet<>();
        for (Operation op : ops) fs.add(op.f());
        if (fs.isEmpty()) return new Inference(byName.get("register"), null);
        List<Model> fits = new ArrayList<>();
        for (Model m : byName.values()) {
            if (m.functions().containsAll(fs)) fits.add(m);
        }
        // register's functions are a subset of cas-register's: prefer the smaller model when both fit
        if (fits.size() == 2 && fits.get(0).name().equals("register") && fits.get(1).name().equals("cas-register")) {
            return new Inference(fits.get(0), null);
        }
        if (fits.size() == 1) return new Inference(fits.get(0), null);
        if (fits.isEmpty()) {
            return new Inference(null, "no model understands the operations " + fs + " together; pass --model one of "
                    + names());
        }
        List<String> names = fits.stream().map(Model::name).toList();
        return new Inference(null, "operations " + fs + " fit several models " + names + "; pass --model");
    }
}
