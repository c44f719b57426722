.class public interface abstract annotation Lcom/appaudit/sigprobe/GET;
.super Ljava/lang/Object;
.source "GET.java"
.implements Ljava/lang/annotation/Annotation;

# Retrofit's @GET in small: kept at run time (@Retention is itself a dex annotation), with a default value.
.annotation system Ldalvik/annotation/AnnotationDefault;
    value = .subannotation Lcom/appaudit/sigprobe/GET;
        encoded = false
    .end subannotation
.end annotation

.annotation runtime Ljava/lang/annotation/Retention;
    value = .enum Ljava/lang/annotation/RetentionPolicy;->RUNTIME:Ljava/lang/annotation/RetentionPolicy;
.end annotation

.method public abstract value()Ljava/lang/String;
.end method

.method public abstract encoded()Z
.end method
